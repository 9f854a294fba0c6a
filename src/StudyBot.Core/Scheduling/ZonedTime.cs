namespace StudyBot.Core.Scheduling;

/// <summary>
/// Turns a local wall-clock time in a zone into an instant, deciding the two cases where that is not one-to-one:
/// a time in the spring-forward gap (e.g. 02:30 when clocks jump 02:00→03:00) does not exist and is moved forward
/// by the length of the gap (→ 03:30), the way most calendars do; a time in the autumn overlap happens twice and
/// the first of the two (the earlier instant, still on summer time) is taken.
/// </summary>
public static class ZonedTime
{
    public static DateTimeOffset ToInstant(DateOnly date, TimeOnly time, TimeZoneInfo zone)
    {
        var local = date.ToDateTime(time, DateTimeKind.Unspecified);
        if (zone.IsInvalidTime(local))
        {
            // The offsets just before and after the gap differ by its length.
            var before = zone.GetUtcOffset(local.AddHours(-3));
            var after = zone.GetUtcOffset(local.AddHours(3));
            var shifted = local + (after - before);
            return new DateTimeOffset(shifted, zone.GetUtcOffset(shifted)).ToUniversalTime();
        }

        var offset = zone.IsAmbiguousTime(local)
            ? zone.GetAmbiguousTimeOffsets(local).Max()
            : zone.GetUtcOffset(local);
        return new DateTimeOffset(local, offset).ToUniversalTime();
    }
}
