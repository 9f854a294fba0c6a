using StudyBot.Core.Club;
using StudyBot.Core.Scheduling;

namespace StudyBot.Storage.Tests.Club;

/// <summary>Sessions already published on the server are kept in step: a skip or a dropped session is canceled, a
/// new time reschedules, the end completes. The stored club data never depends on the server answering.</summary>
public sealed class ClubSessionSyncTests : IDisposable
{
    private static readonly TimeSpan Grace = TimeSpan.FromMinutes(15);
    private static readonly DateTimeOffset SessionStart = new(2026, 3, 19, 18, 0, 0, TimeSpan.Zero);

    // Friday 2026-03-13, before the pick (2026-03-14 19:00 Berlin) of the 2026-03-19 session.
    private readonly ClubFixture _f = new(new DateTimeOffset(2026, 3, 13, 12, 0, 0, TimeSpan.Zero));

    public void Dispose() => _f.Dispose();

    [Fact]
    public async Task Skip_cancels_the_skipped_session_after_storing_the_skip()
    {
        await _f.SetUpBerlinThursdayAsync();
        await _f.QueueService.AddAsync(ClubFixture.Guild, ClubFixture.Alice, "lora", default);
        await FireAsync(ClubEventKind.Pick);

        await _f.Club.SkipAsync(ClubFixture.Guild, ClubFixture.Admin, default);

        Assert.Equal(["picked", "canceled"], _f.Announcer.Posts.Select(p => p.Kind));
        var canceled = Assert.Single(_f.Announcer.Of("canceled"));
        Assert.Equal("2026-03-19", canceled.SessionId);
        Assert.Equal(SessionStart, canceled.StartsAt);
        Assert.Equal("2106.09685", canceled.PaperKey);
        Assert.Equal(ClubFixture.Channel, canceled.ChannelId);
    }

    [Fact]
    public async Task Skip_is_stored_even_when_the_server_cannot_be_told()
    {
        await _f.SetUpBerlinThursdayAsync();
        await _f.QueueService.AddAsync(ClubFixture.Guild, ClubFixture.Alice, "lora", default);
        await FireAsync(ClubEventKind.Pick);
        _f.Announcer.Fail = true;

        var skipped = await _f.Club.SkipAsync(ClubFixture.Guild, ClubFixture.Admin, default);

        Assert.Equal(SessionStatus.Skipped, skipped.Session.Status);
        Assert.Equal(SessionStatus.Skipped, (await _f.Clubs.GetSessionAsync(ClubFixture.Guild, "2026-03-19", default))!.Status);
        Assert.Contains(new DateOnly(2026, 3, 19), (await _f.Clubs.GetScheduleAsync(ClubFixture.Guild, default))!.SkippedDates);
        Assert.Equal("2106.09685", (await _f.Clubs.GetSessionAsync(ClubFixture.Guild, "2026-03-26", default))!.PaperKey);
        Assert.Equal(["picked"], _f.Announcer.Posts.Select(p => p.Kind));
    }

    [Fact]
    public async Task A_new_time_reschedules_a_planned_session_to_its_new_start_and_end()
    {
        await _f.SetUpBerlinThursdayAsync();
        await _f.Club.NextAsync(ClubFixture.Guild, default);

        await _f.Club.SetupAsync(ClubFixture.Guild, ClubFixture.Admin, new ClubScheduleInput(ClubFixture.Channel, "thursday", "20:30", "Europe/Berlin", 60), default);

        var moved = Assert.Single(_f.Announcer.Posts);
        Assert.Equal("rescheduled", moved.Kind);
        Assert.Equal("2026-03-19", moved.Announcement.SessionId);
        Assert.Equal(SessionStart.AddMinutes(90), moved.Announcement.StartsAt);
        Assert.Equal(SessionStart.AddMinutes(150), moved.Announcement.EndsAt);
    }

    [Fact]
    public async Task Setting_up_the_same_time_again_changes_nothing_on_the_server()
    {
        await _f.SetUpBerlinThursdayAsync();
        await _f.Club.NextAsync(ClubFixture.Guild, default);

        await _f.SetUpBerlinThursdayAsync();

        Assert.Empty(_f.Announcer.Posts);
    }

    [Fact]
    public async Task A_new_weekday_cancels_the_session_that_no_longer_exists()
    {
        await _f.SetUpBerlinThursdayAsync();
        await _f.QueueService.AddAsync(ClubFixture.Guild, ClubFixture.Alice, "lora", default);
        await FireAsync(ClubEventKind.Pick);

        await _f.Club.SetupAsync(ClubFixture.Guild, ClubFixture.Admin, new ClubScheduleInput(ClubFixture.Channel, "friday", "18:00", "Europe/Berlin"), default);

        var canceled = Assert.Single(_f.Announcer.Of("canceled"));
        Assert.Equal("2026-03-19", canceled.SessionId);
        Assert.Empty(_f.Announcer.Of("rescheduled"));
        Assert.Equal("2106.09685", (await _f.Clubs.GetSessionAsync(ClubFixture.Guild, "2026-03-20", default))!.PaperKey);
    }

    [Fact]
    public async Task A_new_time_is_stored_even_when_the_server_cannot_be_told()
    {
        await _f.SetUpBerlinThursdayAsync();
        await _f.Club.NextAsync(ClubFixture.Guild, default);
        _f.Announcer.Fail = true;

        var schedule = await _f.Club.SetupAsync(ClubFixture.Guild, ClubFixture.Admin, new ClubScheduleInput(ClubFixture.Channel, "thursday", "20:00", "Europe/Berlin"), default);

        Assert.Equal(new TimeOnly(20, 0), schedule.LocalTime);
        Assert.Equal(new TimeOnly(20, 0), (await _f.Clubs.GetScheduleAsync(ClubFixture.Guild, default))!.LocalTime);
        Assert.Equal(SessionStart.AddHours(1), (await _f.Clubs.GetSessionAsync(ClubFixture.Guild, "2026-03-19", default))!.StartsAt);
        Assert.Empty(_f.Announcer.Posts);
    }

    [Fact]
    public async Task Session_end_is_published_with_the_held_session()
    {
        await _f.SetUpBerlinThursdayAsync();
        await _f.QueueService.AddAsync(ClubFixture.Guild, ClubFixture.Alice, "lora", default);
        await FireAsync(ClubEventKind.Pick);
        await FireAsync(ClubEventKind.Start);

        Assert.Equal(ClubEventOutcome.Sent, await FireAsync(ClubEventKind.End));

        Assert.Equal(["picked", "start", "ended"], _f.Announcer.Posts.Select(p => p.Kind));
        var ended = Assert.Single(_f.Announcer.Of("ended"));
        Assert.Equal("2026-03-19", ended.SessionId);
        Assert.Equal(SessionStart.AddMinutes(90), ended.EndsAt);
        Assert.Equal("2106.09685", ended.PaperKey);
    }

    [Fact]
    public async Task Session_end_records_attendance_even_when_the_server_cannot_be_told()
    {
        await _f.SetUpBerlinThursdayAsync();
        await _f.Club.RsvpAsync(ClubFixture.Guild, ClubFixture.Alice, null, RsvpAnswer.Going, default);
        _f.Announcer.Fail = true;

        var outcome = await FireAsync(ClubEventKind.End);

        Assert.Equal(ClubEventOutcome.Sent, outcome);
        var held = (await _f.Clubs.GetSessionAsync(ClubFixture.Guild, "2026-03-19", default))!;
        Assert.Equal(SessionStatus.Held, held.Status);
        Assert.Equal([ClubFixture.Alice.UserId], held.Attendees);
        Assert.Empty(_f.Announcer.Posts);
    }

    private async Task<ClubEventOutcome> FireAsync(ClubEventKind kind)
    {
        var schedule = (await _f.Clubs.GetScheduleAsync(ClubFixture.Guild, default))!;
        var clubEvent = ClubOccurrences.Events(schedule, ClubOccurrences.At(schedule, new DateOnly(2026, 3, 19))).First(e => e.Kind == kind);
        _f.Time.Set(clubEvent.DueAt);
        return await _f.Events.FireAsync(clubEvent, Grace, default);
    }
}
