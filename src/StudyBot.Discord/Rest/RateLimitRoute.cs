using System.Globalization;

namespace StudyBot.Discord.Rest;

/// <summary>
/// The rate-limit identity of a request. <c>Key</c> is the method plus the path template with major parameters
/// (channel id, guild id, webhook id+token, interaction id+token) kept and other ids replaced; <c>Major</c> is the
/// major parameter part, which together with Discord's bucket hash names a bucket. <c>Display</c> is safe to log:
/// tokens are replaced by <c>{token}</c>.
/// </summary>
internal sealed record RateLimitRoute(string Key, string Major, string Display)
{
    public static RateLimitRoute For(HttpMethod method, string path)
    {
        var query = path.IndexOf('?', StringComparison.Ordinal);
        var segments = (query >= 0 ? path[..query] : path).Trim('/').Split('/');
        var key = new string[segments.Length];
        var display = new string[segments.Length];
        var major = "";
        for (var i = 0; i < segments.Length; i++)
        {
            var segment = segments[i];
            var previous = i > 0 ? segments[i - 1] : null;
            var beforePrevious = i > 1 ? segments[i - 2] : null;
            if (i == 1 && previous is "channels" or "guilds" or "webhooks" or "interactions")
            {
                key[i] = display[i] = segment;
                major = $"{previous}/{segment}";
            }
            else if (i == 2 && beforePrevious is "webhooks" or "interactions")
            {
                // Webhook and interaction tokens belong to the major parameter, but must never reach a log line.
                key[i] = segment;
                display[i] = "{token}";
                major += "/" + segment;
            }
            else if (IsId(segment))
            {
                key[i] = display[i] = "{id}";
            }
            else
            {
                key[i] = display[i] = segment;
            }
        }

        var verb = method.Method;
        return new RateLimitRoute($"{verb} {string.Join('/', key)}", major, $"{verb} {string.Join('/', display)}");
    }

    private static bool IsId(string segment) =>
        segment.Length > 0 && ulong.TryParse(segment, NumberStyles.None, CultureInfo.InvariantCulture, out _);
}
