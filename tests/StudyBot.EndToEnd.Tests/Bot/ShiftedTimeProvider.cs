namespace StudyBot.EndToEnd.Tests.Bot;

/// <summary>The system clock moved by an offset. Timers keep real durations, so the scheduler (which reads
/// this clock from the container) fires a trigger due N seconds ahead of the shifted "now" N real seconds later.
/// Lets a test put "now" just before a club event without waiting for a real weekday.</summary>
public sealed class ShiftedTimeProvider(TimeSpan offset) : TimeProvider
{
    private long offsetTicks = offset.Ticks;

    public static ShiftedTimeProvider StartingAt(DateTimeOffset now) => new(now - System.GetUtcNow());

    /// <summary>Moves the clock so that it reads <paramref name="now"/> at this moment (e.g. once a slow host start is
    /// over, so the seconds it took do not eat into the time left before an event).</summary>
    public void Set(DateTimeOffset now) => Interlocked.Exchange(ref offsetTicks, (now - System.GetUtcNow()).Ticks);

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + TimeSpan.FromTicks(Interlocked.Read(ref offsetTicks));
}
