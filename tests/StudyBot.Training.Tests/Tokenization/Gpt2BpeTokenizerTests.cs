using StudyBot.Training.Tests.Fixtures;
using StudyBot.Training.Tokenization;

namespace StudyBot.Training.Tests.Tokenization;

// The fixture vocabulary (Fixtures/make_bpe_fixture.py) puts the 256 byte symbols in GPT-2's order, so 'Ġ' (space)
// is 220 and 'x' is 87 as in the real GPT-2, followed by one id per merge and <|endoftext|> = 297.
public sealed class Gpt2BpeTokenizerTests
{
    private readonly Gpt2BpeTokenizer tokenizer = Gpt2BpeTokenizer.FromFiles(
        Path.Combine(FixturePaths.Gpt2Bpe, "vocab.json"),
        Path.Combine(FixturePaths.Gpt2Bpe, "merges.txt"));

    [Theory]
    [InlineData("Hello world", new[] { 268, 264 })] // "Hello", "Ġworld"
    [InlineData("Hello café", new[] { 268, 285 })] // "é" is bytes C3 A9 → "Ã©", merged into "ĠcafÃ©"
    [InlineData(" lowest lower", new[] { 276, 273 })] // merge ranks decide: "Ġlow"+"est", "Ġlow"+"er"
    [InlineData("a  b", new[] { 64, 220, 220, 65 })] // GPT-2 pattern: the first space stands alone, the second joins "b"
    [InlineData("xyz", new[] { 87, 88, 89 })] // no merges: one byte symbol each
    [InlineData("ñ", new[] { 127, 109 })] // unmerged non-ASCII: bytes C3 and B1
    [InlineData("Hello<|endoftext|> LoRA", new[] { 268, 297, 296 })]
    public void Encodes_known_strings_to_the_expected_ids(string text, int[] expected)
    {
        Assert.Equal(expected, tokenizer.Encode(text));
    }

    [Theory]
    [InlineData("Hello world")]
    [InlineData("  leading and trailing spaces  ")]
    [InlineData("Tabs\tand\nnewlines\r\n")]
    [InlineData("naïve café — 日本語 🙂")]
    [InlineData("it's LoRA's rank<|endoftext|>next")]
    public void Decode_inverts_encode(string text)
    {
        Assert.Equal(text, tokenizer.Decode(tokenizer.Encode(text)));
    }

    [Fact]
    public void Reports_vocabulary_size_and_end_of_text()
    {
        Assert.Equal(298, tokenizer.VocabSize);
        Assert.Equal(297, tokenizer.EndOfTextId);
    }

    [Fact]
    public void Ids_outside_the_vocabulary_cannot_be_decoded()
    {
        var error = Assert.Throws<TokenizationException>(() => tokenizer.Decode([268, 298]));
        Assert.Contains("298", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Text_a_reduced_vocabulary_cannot_represent_is_refused_instead_of_dropped()
    {
        // ASCII letters and the space symbol only: 'é' (bytes C3 A9 → "Ã©") has no symbol to become.
        var folder = Directory.CreateTempSubdirectory("studybot-bpe-").FullName;
        try
        {
            var symbols = "abcdefghijklmnopqrstuvwxyz".Select(c => c.ToString()).Append("Ġ").Append("<|endoftext|>").ToList();
            var vocab = Path.Combine(folder, "vocab.json");
            var merges = Path.Combine(folder, "merges.txt");
            File.WriteAllText(vocab, System.Text.Json.JsonSerializer.Serialize(symbols.Select((symbol, id) => (symbol, id)).ToDictionary(p => p.symbol, p => p.id)));
            File.WriteAllText(merges, "#version: 0.2\n");
            var reduced = Gpt2BpeTokenizer.FromFiles(vocab, merges);

            Assert.Equal("cafe", reduced.Decode(reduced.Encode("cafe")));
            var error = Assert.Throws<TokenizationException>(() => reduced.Encode("café"));
            Assert.Contains("cannot represent", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void Unreadable_vocabulary_is_a_tokenization_error()
    {
        var error = Assert.Throws<TokenizationException>(() => Gpt2BpeTokenizer.FromFiles("/nonexistent/vocab.json", "/nonexistent/merges.txt"));
        Assert.Contains("/nonexistent/vocab.json", error.Message, StringComparison.Ordinal);
    }
}
