using StudyBot.Core.Club;
using StudyBot.Core.Scheduling;

namespace StudyBot.Core.Tests.Scheduling;

public sealed class ClubOccurrencesTests
{
    private static ClubSchedule Berlin(DayOfWeek day, TimeOnly time, params DateOnly[] skipped) =>
        new(1, 2, day, time, "Europe/Berlin", TimeSpan.FromMinutes(90), ClubSchedule.DefaultReminderOffsets, ClubSchedule.DefaultPickLead, skipped, DateTimeOffset.UnixEpoch);

    [Fact]
    public void Berlin_club_stays_at_19_local_across_the_march_change()
    {
        // 2026-03-29 is the last Sunday of March: CET (+1) → CEST (+2).
        var club = Berlin(DayOfWeek.Thursday, new TimeOnly(19, 0));

        var next = ClubOccurrences.Next(club, new DateTimeOffset(2026, 3, 20, 0, 0, 0, TimeSpan.Zero), 2);

        Assert.Equal(new DateTimeOffset(2026, 3, 26, 18, 0, 0, TimeSpan.Zero), next[0].StartsAt);
        Assert.Equal(new DateTimeOffset(2026, 4, 2, 17, 0, 0, TimeSpan.Zero), next[1].StartsAt);
        Assert.All(next, o => Assert.Equal(new TimeOnly(19, 0), TimeOnly.FromDateTime(TimeZoneInfo.ConvertTime(o.StartsAt, club.TimeZone).DateTime)));
    }

    [Fact]
    public void Berlin_club_stays_at_19_local_across_the_october_change()
    {
        // 2026-10-25 is the last Sunday of October: CEST (+2) → CET (+1).
        var club = Berlin(DayOfWeek.Thursday, new TimeOnly(19, 0));

        var next = ClubOccurrences.Next(club, new DateTimeOffset(2026, 10, 16, 0, 0, 0, TimeSpan.Zero), 2);

        Assert.Equal(new DateTimeOffset(2026, 10, 22, 17, 0, 0, TimeSpan.Zero), next[0].StartsAt);
        Assert.Equal(new DateTimeOffset(2026, 10, 29, 18, 0, 0, TimeSpan.Zero), next[1].StartsAt);
    }

    [Fact]
    public void Reminder_the_day_before_a_change_is_24_real_hours_before_the_start()
    {
        var club = Berlin(DayOfWeek.Sunday, new TimeOnly(19, 0));
        var occurrence = ClubOccurrences.Next(club, new DateTimeOffset(2026, 3, 28, 0, 0, 0, TimeSpan.Zero), 1)[0];

        var reminder = ClubOccurrences.Events(club, occurrence).Single(e => e.Offset == TimeSpan.FromHours(24));

        Assert.Equal(new DateTimeOffset(2026, 3, 29, 17, 0, 0, TimeSpan.Zero), occurrence.StartsAt);
        Assert.Equal(occurrence.StartsAt.AddHours(-24), reminder.DueAt);
    }

    [Fact]
    public void Time_in_the_spring_gap_moves_forward_by_the_gap()
    {
        // 02:30 on 2026-03-29 does not exist in Berlin; it becomes 03:30 CEST = 01:30 UTC.
        var instant = ZonedTime.ToInstant(new DateOnly(2026, 3, 29), new TimeOnly(2, 30), TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin"));

        Assert.Equal(new DateTimeOffset(2026, 3, 29, 1, 30, 0, TimeSpan.Zero), instant);
    }

    [Fact]
    public void Time_in_the_autumn_overlap_takes_the_first_occurrence()
    {
        // 02:30 on 2026-10-25 happens twice in Berlin; the first is 02:30 CEST = 00:30 UTC.
        var instant = ZonedTime.ToInstant(new DateOnly(2026, 10, 25), new TimeOnly(2, 30), TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin"));

        Assert.Equal(new DateTimeOffset(2026, 10, 25, 0, 30, 0, TimeSpan.Zero), instant);
    }

    [Fact]
    public void Skipped_dates_are_left_out_of_the_next_sessions()
    {
        var club = Berlin(DayOfWeek.Thursday, new TimeOnly(19, 0), new DateOnly(2026, 3, 26));

        var next = ClubOccurrences.Next(club, new DateTimeOffset(2026, 3, 20, 0, 0, 0, TimeSpan.Zero), 1);

        Assert.Equal(new DateOnly(2026, 4, 2), next[0].LocalDate);
    }

    [Fact]
    public void Session_in_progress_still_ends_after_now_but_is_not_next()
    {
        var club = Berlin(DayOfWeek.Thursday, new TimeOnly(19, 0));
        var duringSession = new DateTimeOffset(2026, 3, 26, 18, 30, 0, TimeSpan.Zero);

        Assert.Equal(new DateOnly(2026, 3, 26), ClubOccurrences.EndingAfter(club, duringSession).First().LocalDate);
        Assert.Equal(new DateOnly(2026, 4, 2), ClubOccurrences.Next(club, duringSession, 1)[0].LocalDate);
    }

    [Fact]
    public void Events_of_a_session_are_pick_reminders_start_and_end_with_stable_keys()
    {
        var club = Berlin(DayOfWeek.Thursday, new TimeOnly(19, 0));
        var occurrence = ClubOccurrences.At(club, new DateOnly(2026, 3, 26));

        var events = ClubOccurrences.Events(club, occurrence);

        Assert.Equal(["1:2026-03-26:pick", "1:2026-03-26:reminder:1440m", "1:2026-03-26:reminder:60m", "1:2026-03-26:start", "1:2026-03-26:end"], events.Select(e => e.Key));
        Assert.Equal(occurrence.StartsAt.AddDays(-5), events[0].DueAt);
    }
}
