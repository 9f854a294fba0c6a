using StudyBot.Core.Queue;

namespace StudyBot.Core.Tests.Queue;

public sealed class ArxivIdParserTests
{
    [Theory]
    [InlineData("2401.12345", "2401.12345")]
    [InlineData("arXiv:2401.12345v2", "2401.12345")]
    [InlineData("https://arxiv.org/abs/1706.03762v5", "1706.03762")]
    [InlineData("https://arxiv.org/pdf/1706.03762.pdf", "1706.03762")]
    [InlineData("hep-th/9901001", "hep-th/9901001")]
    public void Recognised_spellings_reduce_to_the_versionless_id(string input, string expected)
    {
        Assert.True(ArxivIdParser.TryNormalize(input, out var id));
        Assert.Equal(expected, id);
    }

    [Theory]
    [InlineData("lora")]
    [InlineData("24.1")]
    [InlineData("")]
    [InlineData("attention is all you need")]
    public void Other_text_is_not_an_arxiv_id(string input) => Assert.False(ArxivIdParser.TryNormalize(input, out _));
}
