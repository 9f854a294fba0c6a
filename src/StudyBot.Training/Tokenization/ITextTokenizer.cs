namespace StudyBot.Training.Tokenization;

/// <summary>Turns text into model token ids and back.</summary>
public interface ITextTokenizer
{
    int VocabSize { get; }

    /// <summary>The id of &lt;|endoftext|&gt; (50256 for GPT-2 BPE, 256 for the byte tokenizer), if the vocabulary has one.</summary>
    int? EndOfTextId { get; }

    /// <summary>Encodes text; a literal "&lt;|endoftext|&gt;" becomes <see cref="EndOfTextId"/>. Throws <see cref="TokenizationException"/> if it cannot.</summary>
    IReadOnlyList<int> Encode(string text);

    string Decode(IReadOnlyList<int> ids);
}
