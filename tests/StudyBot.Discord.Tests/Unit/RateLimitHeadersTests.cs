using System.Net;
using StudyBot.Discord.Rest;

namespace StudyBot.Discord.Tests.Unit;

public sealed class RateLimitHeadersTests
{
    [Theory]
    [InlineData("2.5", 2.5)]
    [InlineData("-3", 0)]
    [InlineData("3600", 3600)]
    public void Reset_after_is_read_safely_whatever_the_header_says(string value, double expectedSeconds)
    {
        using var response = new HttpResponseMessage(HttpStatusCode.OK);
        response.Headers.TryAddWithoutValidation("X-RateLimit-Reset-After", value);

        var headers = RateLimitHeaders.From(response.Headers);
        Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), headers.ResetAfter);
        Assert.Null(headers.GarbageResetAfter);
    }

    [Theory]
    [InlineData("3600.5")]
    [InlineData("86400")]
    [InlineData("1e300")]
    [InlineData("Infinity")]
    public void A_reset_after_over_an_hour_is_garbage_read_as_one_second_and_reported(string value)
    {
        using var response = new HttpResponseMessage(HttpStatusCode.OK);
        response.Headers.TryAddWithoutValidation("X-RateLimit-Reset-After", value);

        var headers = RateLimitHeaders.From(response.Headers);
        Assert.Equal(RateLimitHeaders.GarbageWait, headers.ResetAfter);
        Assert.Equal(TimeSpan.FromSeconds(1), RateLimitHeaders.GarbageWait);
        Assert.Equal(double.Parse(value, System.Globalization.CultureInfo.InvariantCulture), headers.GarbageResetAfter);
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
