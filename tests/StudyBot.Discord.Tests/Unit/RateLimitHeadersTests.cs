using System.Net;
using StudyBot.Discord.Rest;

namespace StudyBot.Discord.Tests.Unit;

public sealed class RateLimitHeadersTests
{
    [Theory]
    [InlineData("2.5", 2.5)]
    [InlineData("-3", 0)]
    [InlineData("1e300", 86400)]
    [InlineData("Infinity", 86400)]
    public void Reset_after_is_read_safely_whatever_the_header_says(string value, double expectedSeconds)
    {
        using var response = new HttpResponseMessage(HttpStatusCode.OK);
        response.Headers.TryAddWithoutValidation("X-RateLimit-Reset-After", value);

        Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), RateLimitHeaders.From(response.Headers).ResetAfter);
    }

    [Fact]
    public void NaN_and_unparseable_reset_after_are_treated_as_absent()
    {
        Assert.Null(RateLimitHeaders.Seconds(double.NaN));

        using var response = new HttpResponseMessage(HttpStatusCode.OK);
        response.Headers.TryAddWithoutValidation("X-RateLimit-Reset-After", "soon");
        Assert.Null(RateLimitHeaders.From(response.Headers).ResetAfter);
    }
}
