namespace StudyBot.FakeDiscord.State;

/// <summary>Discord-style ids: milliseconds since 2015-01-01 in the top 42 bits, then worker, process and an increment,
/// so ids sort by creation time and decode to a plausible timestamp.</summary>
internal sealed class Snowflakes(TimeProvider time)
{
    private const long DiscordEpochMs = 1_420_070_400_000;
    private readonly Lock _gate = new();
    private long _lastMs;
    private int _increment;

    public ulong Next()
    {
        lock (_gate)
        {
            var ms = Math.Max(time.GetUtcNow().ToUnixTimeMilliseconds() - DiscordEpochMs, 0);
            if (ms <= _lastMs)
            {
                // Same (or earlier, under a fake clock) millisecond: keep ids unique and increasing.
                _increment++;
                if (_increment > 0xFFF)
                {
                    _lastMs++;
                    _increment = 0;
                }
                ms = _lastMs;
            }
            else
            {
                _lastMs = ms;
                _increment = 0;
            }
            return ((ulong)ms << 22) | (1UL << 17) | (1UL << 12) | (uint)_increment;
        }
    }

    public static DateTimeOffset TimestampOf(ulong id) =>
        DateTimeOffset.FromUnixTimeMilliseconds((long)(id >> 22) + DiscordEpochMs);
}
