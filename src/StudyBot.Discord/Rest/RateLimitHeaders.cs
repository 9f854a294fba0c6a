using System.Globalization;
using System.Net.Http.Headers;

namespace StudyBot.Discord.Rest;

/// <summary>The <c>X-RateLimit-*</c> headers of one response.</summary>
internal sealed record RateLimitHeaders(string? Bucket, int? Limit, int? Remaining, TimeSpan? ResetAfter, string? Scope, bool Global)
{
    /// <summary>The longest wait believed from a header or body; beyond it a value is garbage, not a rate limit.</summary>
    public static readonly TimeSpan MaxSaneWait = TimeSpan.FromHours(1);

    /// <summary>What a garbage wait (over <see cref="MaxSaneWait"/>) is taken as: a short pause, then the answer to
    /// the next request says what the limit really is.</summary>
    public static readonly TimeSpan GarbageWait = TimeSpan.FromSeconds(1);

    /// <summary>The raw <c>X-RateLimit-Reset-After</c> seconds when they were garbage (read as <see cref="GarbageWait"/>),
    /// so the caller can log it; null otherwise.</summary>
    public double? GarbageResetAfter { get; init; }

    public static RateLimitHeaders From(HttpResponseHeaders headers)
    {
        double? rawResetAfter = double.TryParse(Get(headers, "X-RateLimit-Reset-After"), NumberStyles.Float, CultureInfo.InvariantCulture, out var resetAfter) ? resetAfter : null;
        return new(
            Get(headers, "X-RateLimit-Bucket"),
            int.TryParse(Get(headers, "X-RateLimit-Limit"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var limit) ? limit : null,
            int.TryParse(Get(headers, "X-RateLimit-Remaining"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var remaining) ? remaining : null,
            rawResetAfter is { } seconds ? Seconds(seconds) : null,
            Get(headers, "X-RateLimit-Scope"),
            string.Equals(Get(headers, "X-RateLimit-Global"), "true", StringComparison.OrdinalIgnoreCase))
        {
            GarbageResetAfter = rawResetAfter is { } raw && IsGarbage(raw) ? raw : null,
        };
    }

    /// <summary>
    /// Seconds as Discord sends them, made safe: NaN is unusable (null), a negative value is no wait, and anything
    /// above <see cref="MaxSaneWait"/> (up to infinity, where <see cref="TimeSpan.FromSeconds(double)"/> would throw)
    /// is garbage and read as <see cref="GarbageWait"/>: one bad answer must not lock a route, or with a global 429
    /// every route, for hours.
    /// </summary>
    public static TimeSpan? Seconds(double seconds) =>
        double.IsNaN(seconds) ? null
        : seconds <= 0 ? TimeSpan.Zero
        : IsGarbage(seconds) ? GarbageWait
        : TimeSpan.FromSeconds(seconds);

    /// <summary>True for a wait too long to be a real rate limit (see <see cref="Seconds"/>).</summary>
    public static bool IsGarbage(double seconds) => seconds > MaxSaneWait.TotalSeconds;

    private static string? Get(HttpResponseHeaders headers, string name) =>
        headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;
}
