using Microsoft.Extensions.Logging;
using StudyBot.Core.Club;

namespace StudyBot.Storage.Tests.Club;

public sealed class ClubEventServiceTests : IDisposable
{
    private static readonly TimeSpan Grace = TimeSpan.FromMinutes(15);
    private static readonly DateTimeOffset SessionStart = new(2026, 3, 19, 18, 0, 0, TimeSpan.Zero);

    private readonly ClubFixture _f = new();

    public void Dispose() => _f.Dispose();

    private async Task<ClubEvent> EventAsync(ClubEventKind kind, TimeSpan? offset = null) =>
        (await _f.Planner.PlanAsync(ClubFixture.Guild, default)).First(e => e.SessionId == "2026-03-19" && e.Kind == kind && e.Offset == offset);

    [Fact]
    public async Task Plan_covers_the_next_two_sessions()
    {
        await _f.SetUpBerlinThursdayAsync();

        var plan = await _f.Planner.PlanAsync(ClubFixture.Guild, default);

        Assert.Equal(["2026-03-19", "2026-03-26"], plan.Select(e => e.SessionId).Distinct());
        Assert.Equal(10, plan.Count);
    }

    [Fact]
    public async Task Reminder_on_time_is_announced_once_with_the_session_data()
    {
        await _f.SetUpBerlinThursdayAsync();
        await _f.Club.RsvpAsync(ClubFixture.Guild, ClubFixture.Alice, null, RsvpAnswer.Going, default);
        var reminder = await EventAsync(ClubEventKind.Reminder, TimeSpan.FromHours(1));
        _f.Time.Set(reminder.DueAt);

        var first = await _f.Events.FireAsync(reminder, Grace, default);
        var second = await _f.Events.FireAsync(reminder, Grace, default);

        Assert.Equal(ClubEventOutcome.Sent, first);
        Assert.Equal(ClubEventOutcome.AlreadySent, second);
        var post = Assert.Single(_f.Announcer.Posts);
        Assert.Equal("reminder", post.Kind);
        Assert.Equal(TimeSpan.FromHours(1), post.Before);
        Assert.Equal(ClubFixture.Channel, post.Announcement.ChannelId);
        Assert.Equal(SessionStart, post.Announcement.StartsAt);
        Assert.Equal(SessionStart.AddMinutes(90), post.Announcement.EndsAt);
        Assert.Equal(1, post.Announcement.Rsvps.Going);
    }

    [Fact]
    public async Task Reminder_sent_before_a_restart_is_not_sent_again_or_planned_again()
    {
        await _f.SetUpBerlinThursdayAsync();
        var reminder = await EventAsync(ClubEventKind.Reminder, TimeSpan.FromHours(24));
        _f.Time.Set(reminder.DueAt.AddSeconds(1));
        await _f.Events.FireAsync(reminder, Grace, default);

        _f.Restart();
        _f.Time.Advance(TimeSpan.FromMinutes(2));
        var plan = await _f.Planner.PlanAsync(ClubFixture.Guild, default);
        var again = await _f.Events.FireAsync(reminder, Grace, default);

        Assert.DoesNotContain(plan, e => e.Key == reminder.Key);
        Assert.Equal(ClubEventOutcome.AlreadySent, again);
        Assert.Single(_f.Announcer.Posts);
    }

    [Fact]
    public async Task Reminder_late_within_the_grace_period_is_still_sent()
    {
        await _f.SetUpBerlinThursdayAsync();
        var reminder = await EventAsync(ClubEventKind.Reminder, TimeSpan.FromHours(1));
        _f.Time.Set(reminder.DueAt + TimeSpan.FromMinutes(14));

        Assert.Equal(ClubEventOutcome.Sent, await _f.Events.FireAsync(reminder, Grace, default));
        Assert.Single(_f.Announcer.Posts);
    }

    [Fact]
    public async Task Reminder_later_than_the_grace_period_is_skipped_and_never_sent()
    {
        await _f.SetUpBerlinThursdayAsync();
        var reminder = await EventAsync(ClubEventKind.Reminder, TimeSpan.FromHours(24));
        _f.Time.Set(reminder.DueAt + TimeSpan.FromMinutes(16));

        var outcome = await _f.Events.FireAsync(reminder, Grace, default);
        _f.Restart();
        var retried = await _f.Events.FireAsync(reminder, TimeSpan.FromDays(1), default);

        Assert.Equal(ClubEventOutcome.SkippedLate, outcome);
        Assert.Equal(ClubEventOutcome.AlreadySent, retried);
        Assert.Empty(_f.Announcer.Posts);
    }

    [Fact]
    public async Task Failed_announcement_is_not_recorded_so_a_retry_sends_it()
    {
        await _f.SetUpBerlinThursdayAsync();
        var start = await EventAsync(ClubEventKind.Start);
        _f.Time.Set(start.DueAt);
        _f.Announcer.Fail = true;

        await Assert.ThrowsAsync<HttpRequestException>(() => _f.Events.FireAsync(start, Grace, default));
        _f.Announcer.Fail = false;
        var retried = await _f.Events.FireAsync(start, Grace, default);

        Assert.Equal(ClubEventOutcome.Sent, retried);
        Assert.Equal("start", Assert.Single(_f.Announcer.Posts).Kind);
    }

    [Fact]
    public async Task Pick_whose_announcement_failed_is_announced_by_the_retry_with_the_same_paper_taken_once()
    {
        await _f.SetUpBerlinThursdayAsync();
        await _f.QueueService.AddAsync(ClubFixture.Guild, ClubFixture.Alice, "lora", default);
        await _f.QueueService.AddAsync(ClubFixture.Guild, ClubFixture.Alice, "gpt-2", default);
        var pick = (await _f.Planner.PlanAsync(ClubFixture.Guild, default)).First(e => e.SessionId == "2026-03-26" && e.Kind == ClubEventKind.Pick);
        _f.Time.Set(pick.DueAt);
        _f.Announcer.Fail = true;

        await Assert.ThrowsAsync<HttpRequestException>(() => _f.Events.FireAsync(pick, Grace, default));
        _f.Announcer.Fail = false;
        _f.Time.Advance(TimeSpan.FromSeconds(30));
        var retried = await _f.Events.FireAsync(pick, Grace, default);

        Assert.Equal(ClubEventOutcome.Sent, retried);
        var post = Assert.Single(_f.Announcer.Posts);
        Assert.Equal(("picked", "2106.09685"), (post.Kind, post.Announcement.PaperKey));
        Assert.Equal("2106.09685", Assert.Single(await _f.Queue.ListHistoryAsync(ClubFixture.Guild, 10, default)).PaperKey);
        Assert.Equal("gpt-2", Assert.Single(await _f.Queue.ListAsync(ClubFixture.Guild, default)).Slug);
        Assert.Equal(pick.DueAt + Grace, await _f.Events.GraceEndsAtAsync(pick, Grace, default));
    }

    [Fact]
    public async Task Pick_takes_the_top_of_the_queue_into_history_and_assigns_the_next_presenter()
    {
        await _f.SetUpBerlinThursdayAsync();
        await _f.QueueService.AddAsync(ClubFixture.Guild, ClubFixture.Alice, "lora", default);
        await _f.QueueService.AddAsync(ClubFixture.Guild, ClubFixture.Alice, "gpt-2", default);
        await _f.QueueService.VoteAsync(ClubFixture.Guild, ClubFixture.Bob, "gpt-2", default);
        await _f.Club.SignUpPresenterAsync(ClubFixture.Guild, ClubFixture.Bob, default);
        _f.Time.Advance(TimeSpan.FromMinutes(1));
        await _f.Club.SignUpPresenterAsync(ClubFixture.Guild, ClubFixture.Alice, default);
        // The pick for the 2026-03-26 session is due 2026-03-21, after the 19th's pick: set up a week ahead.
        var pick = (await _f.Planner.PlanAsync(ClubFixture.Guild, default)).First(e => e.SessionId == "2026-03-26" && e.Kind == ClubEventKind.Pick);
        _f.Time.Set(pick.DueAt);

        var outcome = await _f.Events.FireAsync(pick, Grace, default);

        Assert.Equal(ClubEventOutcome.Sent, outcome);
        var post = Assert.Single(_f.Announcer.Posts);
        Assert.Equal("picked", post.Kind);
        Assert.Equal("gpt-2", post.Announcement.PaperKey);
        Assert.Equal(ClubFixture.Bob.UserId, post.Announcement.PresenterId);
        Assert.Equal("2106.09685", Assert.Single(await _f.Queue.ListAsync(ClubFixture.Guild, default)).PaperKey);
        Assert.Equal("gpt-2", Assert.Single(await _f.Queue.ListHistoryAsync(ClubFixture.Guild, 10, default)).PaperKey);
        Assert.Equal(ClubFixture.Alice.UserId, (await _f.Club.PresentersAsync(ClubFixture.Guild, default))[0].MemberId);
    }

    [Fact]
    public async Task Late_pick_still_picks_the_paper_but_does_not_announce()
    {
        // Set up on Friday the 13th, before the pick (Saturday 19:00 Berlin); the bot is then down until Monday.
        _f.Time.Set(new DateTimeOffset(2026, 3, 13, 12, 0, 0, TimeSpan.Zero));
        await _f.SetUpBerlinThursdayAsync();
        await _f.QueueService.AddAsync(ClubFixture.Guild, ClubFixture.Alice, "lora", default);
        var pick = await EventAsync(ClubEventKind.Pick);
        _f.Time.Set(new DateTimeOffset(2026, 3, 16, 12, 0, 0, TimeSpan.Zero));

        var outcome = await _f.Events.FireAsync(pick, Grace, default);

        Assert.Equal(ClubEventOutcome.SkippedLate, outcome);
        Assert.Empty(_f.Announcer.Posts);
        Assert.Equal("2106.09685", (await _f.Clubs.GetSessionAsync(ClubFixture.Guild, "2026-03-19", default))!.PaperKey);
    }

    [Fact]
    public async Task Club_set_up_after_the_pick_point_announces_the_pick_and_skips_earlier_reminders_quietly()
    {
        var logger = new RecordingLogger<ClubEventService>();
        var events = new ClubEventService(_f.Clubs, _f.Queue, _f.Log, _f.Announcer, _f.Listener, _f.Time, logger);
        await _f.QueueService.AddAsync(ClubFixture.Guild, ClubFixture.Alice, "lora", default);
        // Monday 12:00: the pick of Thursday's session was due Saturday, its 4-day reminder Sunday, before the club existed.
        await _f.Club.SetupAsync(ClubFixture.Guild, ClubFixture.Admin, new ClubScheduleInput(ClubFixture.Channel, "thursday", "19:00", "Europe/Berlin", Reminders: "4d, 1h"), default);
        _f.Time.Advance(TimeSpan.FromSeconds(2));
        var plan = (await _f.Planner.PlanAsync(ClubFixture.Guild, default)).Where(e => e.SessionId == "2026-03-19").ToList();

        var outcomes = new List<ClubEventOutcome>();
        foreach (var due in plan.Where(e => e.DueAt <= _f.Time.GetUtcNow()))
        {
            outcomes.Add(await events.FireAsync(due, Grace, default));
        }

        Assert.Equal([ClubEventKind.Pick, ClubEventKind.Reminder], plan.Where(e => e.DueAt <= _f.Time.GetUtcNow()).Select(e => e.Kind));
        Assert.Equal([ClubEventOutcome.Sent, ClubEventOutcome.PredatesSchedule], outcomes);
        var post = Assert.Single(_f.Announcer.Posts);
        Assert.Equal(("picked", "2106.09685"), (post.Kind, post.Announcement.PaperKey));
        Assert.Equal("2106.09685", Assert.Single(await _f.Queue.ListHistoryAsync(ClubFixture.Guild, 10, default)).PaperKey);
        Assert.DoesNotContain(logger.Entries, e => e.Level >= LogLevel.Warning);
        Assert.DoesNotContain(await _f.Planner.PlanAsync(ClubFixture.Guild, default), e => e.SessionId == "2026-03-19" && e.DueAt <= _f.Time.GetUtcNow());
        Assert.Contains(await _f.Planner.PlanAsync(ClubFixture.Guild, default), e => e.SessionId == "2026-03-19" && e.Offset == TimeSpan.FromHours(1));
    }

    [Fact]
    public async Task Paper_queued_after_an_empty_pick_is_taken_at_the_next_reminder_and_club_next_says_so()
    {
        await _f.SetUpBerlinThursdayAsync();
        var pick = await EventAsync(ClubEventKind.Pick);
        _f.Time.Set(pick.DueAt);
        await _f.Events.FireAsync(pick, Grace, default);
        await _f.QueueService.AddAsync(ClubFixture.Guild, ClubFixture.Alice, "lora", default);

        var next = await _f.Club.NextAsync(ClubFixture.Guild, default);
        var shown = await _f.Router.HandleCommandAsync(ClubFixture.Command("club next", ClubFixture.Admin), default);
        var reminder = await EventAsync(ClubEventKind.Reminder, TimeSpan.FromHours(24));
        _f.Time.Set(reminder.DueAt);
        await _f.Events.FireAsync(reminder, Grace, default);

        Assert.True(next.PickPassed);
        Assert.Null(next.Session.PaperKey);
        var paperField = Assert.Single(shown.Embeds).Fields!.Single(f => f.Name == "Paper").Value;
        Assert.Contains("the queue was empty at the pick", paperField, StringComparison.Ordinal);
        Assert.DoesNotContain("not picked yet", paperField, StringComparison.Ordinal);
        Assert.Equal(["picked", "reminder"], _f.Announcer.Posts.Select(p => p.Kind));
        Assert.Equal("2106.09685", _f.Announcer.Posts.Last().Announcement.PaperKey);
        Assert.Equal("2106.09685", (await _f.Clubs.GetSessionAsync(ClubFixture.Guild, "2026-03-19", default))!.PaperKey);
        Assert.Empty(await _f.Queue.ListAsync(ClubFixture.Guild, default));
    }

    [Fact]
    public async Task Reminder_before_the_pick_time_leaves_the_queue_alone()
    {
        await _f.Club.SetupAsync(ClubFixture.Guild, ClubFixture.Admin, new ClubScheduleInput(ClubFixture.Channel, "thursday", "19:00", "Europe/Berlin", Reminders: "24h", PickDaysBefore: 0), default);
        await _f.QueueService.AddAsync(ClubFixture.Guild, ClubFixture.Alice, "lora", default);
        var reminder = await EventAsync(ClubEventKind.Reminder, TimeSpan.FromHours(24));
        _f.Time.Set(reminder.DueAt);

        await _f.Events.FireAsync(reminder, Grace, default);

        Assert.Null(_f.Announcer.Posts.Single().Announcement.PaperKey);
        Assert.Single(await _f.Queue.ListAsync(ClubFixture.Guild, default));
    }

    [Fact]
    public async Task Events_of_a_skipped_session_are_obsolete()
    {
        await _f.SetUpBerlinThursdayAsync();
        var reminder = await EventAsync(ClubEventKind.Reminder, TimeSpan.FromHours(24));
        await _f.Club.SkipAsync(ClubFixture.Guild, ClubFixture.Admin, default);
        _f.Time.Set(reminder.DueAt);

        Assert.Equal(ClubEventOutcome.Obsolete, await _f.Events.FireAsync(reminder, Grace, default));
        Assert.Equal(["canceled"], _f.Announcer.Posts.Select(p => p.Kind));
        Assert.DoesNotContain(await _f.Planner.PlanAsync(ClubFixture.Guild, default), e => e.SessionId == "2026-03-19");
    }

    [Fact]
    public async Task Events_planned_before_a_time_change_are_obsolete()
    {
        await _f.SetUpBerlinThursdayAsync();
        var start = await EventAsync(ClubEventKind.Start);
        await _f.Club.SetupAsync(ClubFixture.Guild, ClubFixture.Admin, new ClubScheduleInput(ClubFixture.Channel, "thursday", "20:00", "Europe/Berlin"), default);
        _f.Time.Set(start.DueAt);

        Assert.Equal(ClubEventOutcome.Obsolete, await _f.Events.FireAsync(start, Grace, default));
        var replanned = await EventAsync(ClubEventKind.Start);
        Assert.Equal(start.DueAt.AddHours(1), replanned.DueAt);
    }

    [Fact]
    public async Task Session_whose_weekday_changed_while_it_ran_and_that_ended_while_the_bot_was_down_is_still_closed()
    {
        await _f.SetUpBerlinThursdayAsync();
        await _f.Club.RsvpAsync(ClubFixture.Guild, ClubFixture.Alice, null, RsvpAnswer.Going, default);
        _f.Time.Set(SessionStart.AddMinutes(30));
        await _f.Club.SetupAsync(ClubFixture.Guild, ClubFixture.Admin, new ClubScheduleInput(ClubFixture.Channel, "friday", "19:00", "Europe/Berlin"), default);

        // Down from during the Thursday session until Friday morning.
        _f.Restart();
        _f.Time.Set(new DateTimeOffset(2026, 3, 20, 9, 0, 0, TimeSpan.Zero));
        var end = Assert.Single(await _f.Planner.PlanAsync(ClubFixture.Guild, default), e => e.SessionId == "2026-03-19");
        var outcome = await _f.Events.FireAsync(end, Grace, default);

        Assert.Equal((ClubEventKind.End, SessionStart.AddMinutes(90)), (end.Kind, end.DueAt));
        Assert.Equal(ClubEventOutcome.Sent, outcome);
        var held = Assert.Single(await _f.Club.HistoryAsync(ClubFixture.Guild, 10, default));
        Assert.Equal(("2026-03-19", SessionStatus.Held), (held.SessionId, held.Status));
        Assert.Equal([ClubFixture.Alice.UserId], held.Attendees);
        Assert.Equal("ended", _f.Announcer.Posts.Last().Kind);
        Assert.DoesNotContain(await _f.Planner.PlanAsync(ClubFixture.Guild, default), e => e.SessionId == "2026-03-19");
    }

    [Fact]
    public async Task Session_end_records_attendance_and_plans_the_following_sessions()
    {
        await _f.SetUpBerlinThursdayAsync();
        await _f.Club.RsvpAsync(ClubFixture.Guild, ClubFixture.Alice, null, RsvpAnswer.Going, default);
        await _f.Club.RsvpAsync(ClubFixture.Guild, ClubFixture.Bob, null, RsvpAnswer.NotGoing, default);
        var end = await EventAsync(ClubEventKind.End);
        _f.Time.Set(end.DueAt);
        var changesBefore = _f.Listener.Changed.Count;

        await _f.Events.FireAsync(end, Grace, default);

        var held = Assert.Single(await _f.Club.HistoryAsync(ClubFixture.Guild, 10, default));
        Assert.Equal(SessionStatus.Held, held.Status);
        Assert.Equal([ClubFixture.Alice.UserId], held.Attendees);
        Assert.Equal(changesBefore + 1, _f.Listener.Changed.Count);
        Assert.Equal(["2026-03-26", "2026-04-02"], (await _f.Planner.PlanAsync(ClubFixture.Guild, default)).Select(e => e.SessionId).Distinct());
    }
}
