namespace StudyBot.EndToEnd.Tests.Bot;

/// <summary>The system clock moved by a fixed offset. Timers keep real durations, so the scheduler (which reads
/// this clock from the container) fires a trigger due N seconds ahead of the shifted "now" N real seconds later.
/// Lets a test put "now" just before a club event without waiting for a real weekday.</summary>
public sealed class ShiftedTimeProvider(TimeSpan offset) : TimeProvider
{
    public static ShiftedTimeProvider StartingAt(DateTimeOffset now) => new(now - System.GetUtcNow());

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + offset;
}
