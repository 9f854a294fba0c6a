using StudyBot.Training.Tests.Fixtures;
using StudyBot.Training.Tokenization;

namespace StudyBot.Training.Tests.Tokenization;

public sealed class TokenizerLoaderTests : IDisposable
{
    private readonly TempFolder folder = new();

    public void Dispose() => folder.Dispose();

    [Fact]
    public void Byte_tokenizer_marker_selects_the_byte_tokenizer()
    {
        TokenizerLoader.WriteByteTokenizerFiles(folder.Path);

        Assert.IsType<ByteTokenizer>(TokenizerLoader.Load(folder.Path));
    }

    [Fact]
    public void Vocab_and_merges_select_gpt2_bpe_even_with_a_hugging_face_tokenizer_config()
    {
        File.Copy(Path.Combine(FixturePaths.Gpt2Bpe, "vocab.json"), folder.File("vocab.json"));
        File.Copy(Path.Combine(FixturePaths.Gpt2Bpe, "merges.txt"), folder.File("merges.txt"));
        File.WriteAllText(folder.File("tokenizer_config.json"), "{\"tokenizer_class\": \"GPT2Tokenizer\"}");

        var tokenizer = TokenizerLoader.Load(folder.Path);

        Assert.IsType<Gpt2BpeTokenizer>(tokenizer);
        Assert.Equal([268, 264], tokenizer.Encode("Hello world"));
    }

    [Fact]
    public void A_folder_without_tokenizer_files_says_what_is_expected()
    {
        var error = Assert.Throws<TokenizationException>(() => TokenizerLoader.Load(folder.Path));

        Assert.Contains("vocab.json", error.Message, StringComparison.Ordinal);
        Assert.Contains("StudyBotByteTokenizer", error.Message, StringComparison.Ordinal);
    }
}
