using System.Text.RegularExpressions;
using Microsoft.ML.Tokenizers;

namespace StudyBot.Training.Tokenization;

/// <summary>
/// GPT-2's byte-level BPE from vocab.json + merges.txt, through Microsoft.ML.Tokenizers' <see cref="BpeTokenizer"/>
/// with byte-level mapping (space → 'Ġ', …) and GPT-2's pre-tokenizer pattern. &lt;|endoftext|&gt; is a special token.
/// </summary>
public sealed partial class Gpt2BpeTokenizer : ITextTokenizer
{
    public const string EndOfTextToken = "<|endoftext|>";

    private readonly BpeTokenizer tokenizer;

    private Gpt2BpeTokenizer(BpeTokenizer tokenizer, int vocabSize, int? endOfTextId)
    {
        this.tokenizer = tokenizer;
        VocabSize = vocabSize;
        EndOfTextId = endOfTextId;
    }

    public int VocabSize { get; }

    public int? EndOfTextId { get; }

    /// <summary>Loads vocab.json and merges.txt (the "#version" first line of merges.txt is allowed).</summary>
    public static Gpt2BpeTokenizer FromFiles(string vocabPath, string mergesPath)
    {
        BpeOptions probe;
        try
        {
            probe = new BpeOptions(vocabPath, mergesPath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Text.Json.JsonException or ArgumentException or InvalidOperationException or FormatException)
        {
            throw new TokenizationException($"Cannot read GPT-2 tokenizer files '{vocabPath}' / '{mergesPath}': {e.Message}", e);
        }

        var vocabulary = probe.Vocabulary!.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
        int? endOfText = vocabulary.TryGetValue(EndOfTextToken, out var eot) ? eot : null;
        var specials = endOfText is { } id ? new Dictionary<string, int> { [EndOfTextToken] = id } : null;
        var options = new BpeOptions(vocabulary)
        {
            Merges = probe.Merges,
            ByteLevel = true,
            PreTokenizer = new RegexPreTokenizer(Gpt2Pattern(), specials),
            SpecialTokens = specials,
        };

        BpeTokenizer tokenizer;
        try
        {
            tokenizer = BpeTokenizer.Create(options);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or FormatException)
        {
            throw new TokenizationException($"Cannot build the GPT-2 tokenizer from '{vocabPath}' / '{mergesPath}': {e.Message}", e);
        }

        var vocabSize = vocabulary.Count == 0 ? 0 : vocabulary.Values.Max() + 1;
        return new Gpt2BpeTokenizer(tokenizer, vocabSize, endOfText);
    }

    public IReadOnlyList<int> Encode(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var ids = tokenizer.EncodeToIds(text);

        // Byte-level BPE covers every byte only if the vocabulary holds all 256 byte symbols; a reduced vocabulary
        // silently drops what it cannot express, which must not pass unnoticed.
        var decoded = tokenizer.Decode(ids);
        if (!string.Equals(decoded, text, StringComparison.Ordinal))
        {
            throw new TokenizationException("The text contains characters this GPT-2 vocabulary cannot represent (encoding does not round-trip).");
        }

        return ids.ToList();
    }

    public string Decode(IReadOnlyList<int> ids)
    {
        ArgumentNullException.ThrowIfNull(ids);
        foreach (var id in ids)
        {
            if (id < 0 || id >= VocabSize)
            {
                throw new TokenizationException($"Token id {id} is outside the GPT-2 vocabulary (0–{VocabSize - 1}).");
            }
        }

        return tokenizer.Decode(ids, considerSpecialTokens: true);
    }

    // GPT-2's pattern from the original encoder.py: contractions, letters, numbers, other symbols, whitespace.
    [GeneratedRegex(@"'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+", RegexOptions.CultureInvariant)]
    private static partial Regex Gpt2Pattern();
}
