using System.Text;

namespace StudyBot.Training.Tokenization;

/// <summary>
/// Tokenizer for tiny models that ship no BPE files: ids 0–255 are the UTF-8 bytes of the text, 256 is
/// &lt;|endoftext|&gt;; vocabulary 257. Any text can be encoded.
/// </summary>
public sealed class ByteTokenizer : ITextTokenizer
{
    public const string EndOfTextToken = "<|endoftext|>";
    public const int EndOfText = 256;

    /// <summary>The tokenizer_class value in tokenizer_config.json that selects this tokenizer.</summary>
    public const string TokenizerClass = "StudyBotByteTokenizer";

    public int VocabSize => 257;

    public int? EndOfTextId => EndOfText;

    public IReadOnlyList<int> Encode(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var ids = new List<int>(text.Length);
        var start = 0;
        while (start <= text.Length)
        {
            var special = text.IndexOf(EndOfTextToken, start, StringComparison.Ordinal);
            var end = special < 0 ? text.Length : special;
            foreach (var b in Encoding.UTF8.GetBytes(text, start, end - start))
            {
                ids.Add(b);
            }

            if (special < 0)
            {
                break;
            }

            ids.Add(EndOfText);
            start = special + EndOfTextToken.Length;
        }

        return ids;
    }

    public string Decode(IReadOnlyList<int> ids)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var text = new StringBuilder();
        var bytes = new List<byte>();
        foreach (var id in ids)
        {
            if (id is < 0 or > EndOfText)
            {
                throw new TokenizationException($"Token id {id} is outside the byte tokenizer's vocabulary (0–{EndOfText}).");
            }

            if (id == EndOfText)
            {
                Flush();
                text.Append(EndOfTextToken);
            }
            else
            {
                bytes.Add((byte)id);
            }
        }

        Flush();
        return text.ToString();

        // Invalid UTF-8 (a model can emit any byte) decodes to U+FFFD rather than failing.
        void Flush()
        {
            text.Append(Encoding.UTF8.GetString(bytes.ToArray()));
            bytes.Clear();
        }
    }
}
