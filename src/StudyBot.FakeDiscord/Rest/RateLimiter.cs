using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace StudyBot.FakeDiscord.Rest;

/// <summary>
/// Fixed-window buckets per (route rule, major parameter), a global per-second window that interaction routes skip,
/// and scripted 429s. Times come from the configured <see cref="TimeProvider"/>.
/// </summary>
internal sealed class RateLimiter(FakeDiscordOptions options)
{
    private sealed class Window
    {
        public DateTimeOffset Start;
        public int Count;
    }

    private sealed record Injection(Regex Pattern, TimeSpan RetryAfter, bool Global)
    {
        public int Remaining { get; set; }
    }

    private readonly Lock _gate = new();
    private readonly Dictionary<string, Window> _windows = new(StringComparer.Ordinal);
    private readonly List<Injection> _injections = [];
    private readonly Window _global = new();

    public void Inject(string routePattern, int count, TimeSpan retryAfter, bool global)
    {
        var regex = new Regex(routePattern, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        lock (_gate)
        {
            _injections.Add(new Injection(regex, retryAfter, global) { Remaining = count });
        }
    }

    public void Reset()
    {
        lock (_gate)
        {
            _windows.Clear();
            _injections.Clear();
            _global.Count = 0;
        }
    }

    /// <param name="route">"METHOD /path" without the /api/v10 prefix, matched by injected faults.</param>
    /// <param name="template">The mapped route template, e.g. /channels/{channelId}/messages.</param>
    /// <param name="major">The major parameter's value (channel, guild, webhook or interaction id).</param>
    public RateLimitDecision Check(string method, string route, string template, string? major, bool interactionRoute)
    {
        var rule = options.RateLimitRules.FirstOrDefault(r =>
                (r.Method == "*" || string.Equals(r.Method, method, StringComparison.OrdinalIgnoreCase))
                && (r.RouteTemplate == "*" || r.RouteTemplate == template))
            ?? options.DefaultRateLimit;
        var bucket = BucketHash(rule.Method == "*" ? method + " " + template : rule.Method + " " + rule.RouteTemplate);
        var now = options.TimeProvider.GetUtcNow();
        lock (_gate)
        {
            foreach (var injection in _injections.Where(i => i.Remaining > 0))
            {
                if (injection.Pattern.IsMatch(route))
                {
                    injection.Remaining--;
                    return new RateLimitDecision(true, injection.Global, injection.Global ? "global" : "user", injection.RetryAfter,
                        rule.Limit, 0, now + injection.RetryAfter, injection.RetryAfter, bucket);
                }
            }
            if (!interactionRoute && options.GlobalRequestsPerSecond > 0)
            {
                if (now - _global.Start >= TimeSpan.FromSeconds(1))
                {
                    _global.Start = now;
                    _global.Count = 0;
                }
                if (_global.Count >= options.GlobalRequestsPerSecond)
                {
                    var wait = _global.Start + TimeSpan.FromSeconds(1) - now;
                    return new RateLimitDecision(true, true, "global", wait, rule.Limit, 0, now + wait, wait, bucket);
                }
                _global.Count++;
            }
            var key = bucket + ":" + major;
            if (!_windows.TryGetValue(key, out var window) || now - window.Start >= rule.Window)
            {
                window = new Window { Start = now };
                _windows[key] = window;
            }
            var reset = window.Start + rule.Window;
            var resetAfter = reset - now;
            if (window.Count >= rule.Limit)
            {
                return new RateLimitDecision(true, false, "user", resetAfter, rule.Limit, 0, reset, resetAfter, bucket);
            }
            window.Count++;
            return new RateLimitDecision(false, false, "user", TimeSpan.Zero, rule.Limit, rule.Limit - window.Count, reset, resetAfter, bucket);
        }
    }

    private static string BucketHash(string text) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..32];
}
