using System.Globalization;
using System.Net.Http.Headers;

namespace StudyBot.Discord.Rest;

/// <summary>The <c>X-RateLimit-*</c> headers of one response.</summary>
internal sealed record RateLimitHeaders(string? Bucket, int? Limit, int? Remaining, TimeSpan? ResetAfter, string? Scope, bool Global)
{
    public static RateLimitHeaders From(HttpResponseHeaders headers) => new(
        Get(headers, "X-RateLimit-Bucket"),
        int.TryParse(Get(headers, "X-RateLimit-Limit"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var limit) ? limit : null,
        int.TryParse(Get(headers, "X-RateLimit-Remaining"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var remaining) ? remaining : null,
        double.TryParse(Get(headers, "X-RateLimit-Reset-After"), NumberStyles.Float, CultureInfo.InvariantCulture, out var resetAfter) ? Seconds(resetAfter) : null,
        Get(headers, "X-RateLimit-Scope"),
        string.Equals(Get(headers, "X-RateLimit-Global"), "true", StringComparison.OrdinalIgnoreCase));

    /// <summary>The longest wait taken from a header or body; beyond it a value is garbage, not a rate limit.</summary>
    public static readonly TimeSpan MaxSaneWait = TimeSpan.FromDays(1);

    /// <summary>
    /// Seconds as Discord sends them, made safe: NaN is unusable (null), a negative value is no wait, and anything
    /// above <see cref="MaxSaneWait"/> (up to infinity, where <see cref="TimeSpan.FromSeconds(double)"/> would throw)
    /// is held at it.
    /// </summary>
    public static TimeSpan? Seconds(double seconds) =>
        double.IsNaN(seconds) ? null
        : seconds <= 0 ? TimeSpan.Zero
        : seconds >= MaxSaneWait.TotalSeconds ? MaxSaneWait
        : TimeSpan.FromSeconds(seconds);

    private static string? Get(HttpResponseHeaders headers, string name) =>
        headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;
}
