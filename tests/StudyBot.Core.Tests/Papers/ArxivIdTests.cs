using StudyBot.Core.Papers;

namespace StudyBot.Core.Tests.Papers;

public sealed class ArxivIdTests
{
    [Theory]
    [InlineData("1706.03762", "1706.03762", null)]
    [InlineData("  arXiv:1706.03762 ", "1706.03762", null)]
    [InlineData("ARXIV:1706.03762v7", "1706.03762", 7)]
    [InlineData("https://arxiv.org/abs/1706.03762v5", "1706.03762", 5)]
    [InlineData("http://export.arxiv.org/abs/2106.09685", "2106.09685", null)]
    [InlineData("https://arxiv.org/pdf/2010.11929v2.pdf", "2010.11929", 2)]
    [InlineData("https://www.arxiv.org/abs/1409.0473/", "1409.0473", null)]
    [InlineData("0704.0001", "0704.0001", null)]
    [InlineData("1412.6980", "1412.6980", null)]
    [InlineData("cs/0112017", "cs/0112017", null)]
    [InlineData("arXiv:hep-th/9901001v3", "hep-th/9901001", 3)]
    [InlineData("math.gt/0309136", "math.GT/0309136", null)]
    [InlineData("https://arxiv.org/abs/cs/0112017", "cs/0112017", null)]
    public void Every_usual_spelling_normalises_to_the_versionless_id(string input, string expected, int? version)
    {
        Assert.True(ArxivId.TryParse(input, out var id));
        Assert.Equal(expected, id.Value);
        Assert.Equal(version, id.Version);
        Assert.Equal(expected, id.ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("1706.0376")]
    [InlineData("1706.037620")]
    [InlineData("1412.69801")]
    [InlineData("0612.1234")]
    [InlineData("1713.03762")]
    [InlineData("17060.3762")]
    [InlineData("1706.03762v")]
    [InlineData("1706.03762v0")]
    [InlineData("transformer")]
    [InlineData("cs/011201")]
    [InlineData("cs/0113017")]
    [InlineData("https://example.org/abs/1706.03762")]
    [InlineData("1706.03762; DROP")]
    [InlineData("١٧٠٦.٠٣٧٦٢")]
    [InlineData("cs/٠١١٢٠١٧")]
    public void Malformed_ids_are_rejected(string input)
    {
        Assert.False(ArxivId.TryParse(input, out _));
        Assert.Throws<FormatException>(() => ArxivId.Parse(input));
    }

    [Fact]
    public void Spellings_of_the_same_paper_are_equal()
    {
        Assert.Equal(ArxivId.Parse("1706.03762").Value, ArxivId.Parse("https://arxiv.org/abs/1706.03762v5").Value);
        Assert.Equal("1706.03762v5", ArxivId.Parse("arXiv:1706.03762v5").WithVersion);
        Assert.Equal("https://arxiv.org/abs/1706.03762", ArxivId.Parse("1706.03762v2").AbsUrl);
    }
}
