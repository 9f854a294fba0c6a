using StudyBot.Training.Tokenization;

namespace StudyBot.Training.Tests.Tokenization;

public sealed class ByteTokenizerTests
{
    private readonly ByteTokenizer tokenizer = new();

    [Fact]
    public void Ids_are_utf8_bytes_and_end_of_text_is_256()
    {
        Assert.Equal([104, 195, 169, 256, 33], tokenizer.Encode("hé<|endoftext|>!"));
        Assert.Equal(257, tokenizer.VocabSize);
        Assert.Equal(256, tokenizer.EndOfTextId);
    }

    [Theory]
    [InlineData("")]
    [InlineData("plain ascii")]
    [InlineData("naïve 日本語 🙂\n")]
    [InlineData("<|endoftext|>a<|endoftext|><|endoftext|>")]
    public void Decode_inverts_encode(string text)
    {
        Assert.Equal(text, tokenizer.Decode(tokenizer.Encode(text)));
    }

    [Fact]
    public void Invalid_utf8_from_a_model_decodes_to_replacement_characters()
    {
        Assert.Equal("a\uFFFDb", tokenizer.Decode([97, 0xC3, 98]));
    }

    [Fact]
    public void Ids_outside_the_vocabulary_cannot_be_decoded()
    {
        Assert.Throws<TokenizationException>(() => tokenizer.Decode([257]));
        Assert.Throws<TokenizationException>(() => tokenizer.Decode([-1]));
    }
}
