using StudyBot.Core.Club;

namespace StudyBot.Core.Scheduling;

/// <summary>The weekly meetings of a club, computed from the local weekday and time in the club's zone, so the
/// meeting stays at the same wall-clock time when daylight saving changes. Pure: no clock, no storage.</summary>
public static class ClubOccurrences
{
    /// <summary>Meetings (skipped ones included) that end after <paramref name="after"/>, earliest first, endless.</summary>
    public static IEnumerable<SessionOccurrence> EndingAfter(ClubSchedule schedule, DateTimeOffset after)
    {
        var zone = schedule.TimeZone;
        var localNow = TimeZoneInfo.ConvertTime(after, zone);
        // Start a week early so a meeting in progress (or whose end is still ahead) is not missed.
        var date = DateOnly.FromDateTime(localNow.Date).AddDays(-7);
        while (date.DayOfWeek != schedule.Day)
        {
            date = date.AddDays(1);
        }

        for (; ; date = date.AddDays(7))
        {
            var occurrence = At(schedule, date, zone);
            if (occurrence.EndsAt > after)
            {
                yield return occurrence;
            }
        }
    }

    /// <summary>The next meetings that start after <paramref name="after"/> and are not skipped.</summary>
    public static IReadOnlyList<SessionOccurrence> Next(ClubSchedule schedule, DateTimeOffset after, int count) =>
        EndingAfter(schedule, after)
            .Where(o => o.StartsAt > after && !schedule.SkippedDates.Contains(o.LocalDate))
            .Take(count)
            .ToList();

    /// <summary>The meeting on a given local date (which must be the club's weekday).</summary>
    public static SessionOccurrence At(ClubSchedule schedule, DateOnly localDate, TimeZoneInfo? zone = null)
    {
        var start = ZonedTime.ToInstant(localDate, schedule.LocalTime, zone ?? schedule.TimeZone);
        return new SessionOccurrence(localDate, start, start + schedule.Duration);
    }

    /// <summary>The events of one meeting: pick, each reminder, start and end.</summary>
    public static IReadOnlyList<ClubEvent> Events(ClubSchedule schedule, SessionOccurrence occurrence)
    {
        var events = new List<ClubEvent>
        {
            new(schedule.GuildId, occurrence.SessionId, ClubEventKind.Pick, null, occurrence.StartsAt - schedule.PickLead),
        };
        events.AddRange(schedule.ReminderOffsets.Distinct().Select(offset =>
            new ClubEvent(schedule.GuildId, occurrence.SessionId, ClubEventKind.Reminder, offset, occurrence.StartsAt - offset)));
        events.Add(new(schedule.GuildId, occurrence.SessionId, ClubEventKind.Start, null, occurrence.StartsAt));
        events.Add(new(schedule.GuildId, occurrence.SessionId, ClubEventKind.End, null, occurrence.EndsAt));
        return events;
    }
}
