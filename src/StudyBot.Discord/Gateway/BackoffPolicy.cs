namespace StudyBot.Discord.Gateway;

/// <summary>
/// Capped exponential backoff with jitter: attempt n (1-based) waits <c>min(Cap, Initial × 2^(n-1))</c> scaled by a
/// random factor in [<see cref="JitterFloor"/>, 1], so clients that failed together do not retry together.
/// </summary>
internal sealed record BackoffPolicy
{
    /// <summary>Reconnects after a failed or dropped connection: 1–2 s at first, at most 30–60 s.</summary>
    public static readonly BackoffPolicy Reconnect = new(TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(60), 0.5);

    /// <summary>
    /// New identifies after sessions that never became stable (op 9 d=false, sessions that die at once): the first
    /// waits 1–5 s as Discord asks after op 9, then the wait doubles up to 2–10 minutes.
    /// </summary>
    public static readonly BackoffPolicy Identify = new(TimeSpan.FromSeconds(5), TimeSpan.FromMinutes(10), 0.2);

    public BackoffPolicy(TimeSpan initial, TimeSpan cap, double jitterFloor)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(initial, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(cap, initial);
        if (jitterFloor is < 0 or > 1 || double.IsNaN(jitterFloor))
        {
            throw new ArgumentOutOfRangeException(nameof(jitterFloor), jitterFloor, "The jitter floor is a fraction between 0 and 1.");
        }

        Initial = initial;
        Cap = cap;
        JitterFloor = jitterFloor;
    }

    public TimeSpan Initial { get; }

    public TimeSpan Cap { get; }

    /// <summary>The smallest fraction of the nominal delay a jittered delay can be.</summary>
    public double JitterFloor { get; }

    /// <summary>The nominal (un-jittered) delay of <paramref name="attempt"/>: doubling from <see cref="Initial"/>, at most <see cref="Cap"/>.</summary>
    public TimeSpan Nominal(int attempt)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(attempt, 1);

        // 2^62 ticks overflows nothing; beyond that every attempt is at the cap anyway.
        var doublings = Math.Min(attempt - 1, 62);
        var ticks = Initial.Ticks * Math.Pow(2, doublings);
        return ticks >= Cap.Ticks ? Cap : TimeSpan.FromTicks((long)ticks);
    }

    /// <summary>The delay of <paramref name="attempt"/> for a uniform random <paramref name="unit"/> in [0, 1).</summary>
    public TimeSpan Delay(int attempt, double unit)
    {
        if (unit is < 0 or > 1 || double.IsNaN(unit))
        {
            throw new ArgumentOutOfRangeException(nameof(unit), unit, "Expected a fraction in [0, 1].");
        }

        var factor = JitterFloor + ((1 - JitterFloor) * unit);
        return TimeSpan.FromTicks((long)(Nominal(attempt).Ticks * factor));
    }

    public TimeSpan Delay(int attempt) => Delay(attempt, Random.Shared.NextDouble());
}
