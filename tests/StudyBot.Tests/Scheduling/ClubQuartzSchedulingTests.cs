using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Quartz;
using StudyBot.Core.Club;
using StudyBot.Core.Members;
using StudyBot.Scheduling;

namespace StudyBot.Tests.Scheduling;

/// <summary>
/// The real Quartz scheduler in a real host, on a <see cref="FakeTimeProvider"/>. What is scheduled, and for which
/// instant, is read from Quartz's trigger list; a trigger fires because the test moves the clock to its instant (or
/// because it is overdue at start), and the test then waits generously for the event log to show the outcome.
/// Nothing sleeps and then expects that nothing happened.
/// </summary>
public sealed class ClubQuartzSchedulingTests : IDisposable
{
    private const ulong Guild = 31;

    // Europe/Berlin leaves CET (UTC+1) for CEST (UTC+2) at 2026-03-29 01:00 UTC, between these two Thursdays.
    private const string BeforeSwitch = "2026-03-26";
    private const string AfterSwitch = "2026-04-02";

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task A_schedule_whose_time_zone_this_machine_lacks_does_not_keep_the_other_servers_clubs_from_starting()
    {
        // E.g. a legacy zone name accepted where tzdata had it, restored on a machine whose tzdata does not.
        var clock = new FakeTimeProvider(Utc("2026-03-20T12:00"));
        await SchedulerHost.SaveBerlinClubAsync(_folder.DatabasePath, Guild + 1, clock.GetUtcNow(), timeZoneId: "Nowhere/Nope");
        await SchedulerHost.SaveBerlinClubAsync(_folder.DatabasePath, Guild, clock.GetUtcNow());
        using var run = SchedulerHost.Build(_folder.DatabasePath, clock, new RecordingAnnouncer());

        await run.StartAsync();

        Assert.Equal(Utc("2026-03-26T18:00"), (await run.TriggersAsync(Guild))[Key(BeforeSwitch, "start")]);
        Assert.Empty(await run.TriggersAsync(Guild + 1));
        await run.StopAsync();
    }

    [Fact]
    public async Task Triggers_rebuilt_at_start_keep_a_berlin_club_at_19_00_local_on_both_sides_of_the_dst_change()
    {
        var clock = new FakeTimeProvider(Utc("2026-03-20T12:00")); // a Friday
        await SchedulerHost.SaveBerlinClubAsync(_folder.DatabasePath, Guild, clock.GetUtcNow());
        using var run = SchedulerHost.Build(_folder.DatabasePath, clock, new RecordingAnnouncer());

        await run.StartAsync();
        var triggers = await run.TriggersAsync(Guild);

        Assert.Same(clock, (await run.SchedulerAsync()).TimeProvider);
        Assert.Equal(
            Expected(
                (Key(BeforeSwitch, "pick"), "2026-03-21T18:00"),
                (Key(BeforeSwitch, "reminder:1440m"), "2026-03-25T18:00"),
                (Key(BeforeSwitch, "reminder:60m"), "2026-03-26T17:00"),
                (Key(BeforeSwitch, "start"), "2026-03-26T18:00"), // 19:00 CET
                (Key(BeforeSwitch, "end"), "2026-03-26T19:30"),
                (Key(AfterSwitch, "pick"), "2026-03-28T17:00"),
                (Key(AfterSwitch, "reminder:1440m"), "2026-04-01T17:00"),
                (Key(AfterSwitch, "reminder:60m"), "2026-04-02T16:00"),
                (Key(AfterSwitch, "start"), "2026-04-02T17:00"), // 19:00 CEST
                (Key(AfterSwitch, "end"), "2026-04-02T18:30")),
            Describe(triggers));

        // A rebuild (as after any schedule change) finds the same triggers instead of adding a second set.
        await run.Host.Services.GetRequiredService<ClubTriggerPlanner>().ReplanAsync(Guild, default);
        Assert.Equal(Describe(triggers), Describe(await run.TriggersAsync(Guild)));
        await run.StopAsync();
    }

    [Fact]
    public async Task Reminder_after_the_dst_change_fires_when_the_clock_reaches_16_00_utc_and_is_not_planned_again()
    {
        var clock = new FakeTimeProvider(Utc("2026-04-02T15:50"));
        await SchedulerHost.SaveBerlinClubAsync(_folder.DatabasePath, Guild, Utc("2026-03-20T12:00"));
        var announcer = new RecordingAnnouncer();
        using var run = SchedulerHost.Build(_folder.DatabasePath, clock, announcer);
        await run.StartAsync();
        var reminder = Key(AfterSwitch, "reminder:60m");
        Assert.Equal(Utc("2026-04-02T16:00"), (await run.TriggersAsync(Guild))[reminder]);

        clock.SetUtcNow(Utc("2026-04-02T16:00"));

        await run.WaitForPostAsync("reminder");
        Assert.Equal("sent", await run.OutcomeAsync(reminder));
        var post = Assert.Single(announcer.Posts, p => p.Kind == "reminder");
        Assert.Equal(AfterSwitch, post.Announcement.SessionId);
        Assert.Equal(Utc("2026-04-02T17:00"), post.Announcement.StartsAt);
        Assert.Equal(42UL, post.Announcement.ChannelId);
        await run.WaitUntilTriggerGoneAsync(Guild, reminder);
        await run.Host.Services.GetRequiredService<ClubTriggerPlanner>().ReplanAsync(Guild, default);
        Assert.DoesNotContain(reminder, (await run.TriggersAsync(Guild)).Keys);
        await run.StopAsync();
    }

    [Fact]
    public async Task Restart_within_the_grace_period_after_a_reminder_does_not_schedule_it_again()
    {
        var clock = new FakeTimeProvider(Utc("2026-03-25T17:59"));
        await SchedulerHost.SaveBerlinClubAsync(_folder.DatabasePath, Guild, Utc("2026-03-20T12:00"));
        var announcer = new RecordingAnnouncer();
        var reminder = Key(BeforeSwitch, "reminder:1440m");
        using (var first = SchedulerHost.Build(_folder.DatabasePath, clock, announcer))
        {
            await first.StartAsync();
            clock.Advance(TimeSpan.FromMinutes(1));
            await first.WaitForPostAsync("reminder");
            Assert.Equal("sent", await first.OutcomeAsync(reminder));
            await first.StopAsync();
        }

        clock.Advance(TimeSpan.FromMinutes(5));
        using var second = SchedulerHost.Build(_folder.DatabasePath, clock, announcer);
        await second.StartAsync();
        var triggers = await second.TriggersAsync(Guild);
        var plan = await second.Host.Services.GetRequiredService<ClubEventPlanner>().PlanAsync(Guild, default);
        await second.StopAsync();

        Assert.DoesNotContain(reminder, triggers.Keys);
        Assert.DoesNotContain(plan, e => e.Key == reminder);
        Assert.Equal(Utc("2026-03-26T17:00"), triggers[Key(BeforeSwitch, "reminder:60m")]);
        Assert.Single(announcer.Posts, p => p.Kind == "reminder");
    }

    [Fact]
    public async Task Reminder_missed_while_the_bot_was_down_longer_than_the_grace_period_is_not_sent_after_the_restart()
    {
        var clock = new FakeTimeProvider(Utc("2026-03-25T17:00"));
        await SchedulerHost.SaveBerlinClubAsync(_folder.DatabasePath, Guild, Utc("2026-03-20T12:00"));
        var announcer = new RecordingAnnouncer();
        var reminder = Key(BeforeSwitch, "reminder:1440m");
        using (var first = SchedulerHost.Build(_folder.DatabasePath, clock, announcer, gracePeriod: "00:15:00"))
        {
            await first.StartAsync();
            Assert.Equal(Utc("2026-03-25T18:00"), (await first.TriggersAsync(Guild))[reminder]);
            await first.StopAsync();
        }

        // Down from 17:00 to 20:00: the 18:00 reminder is two hours late, far beyond the 15-minute grace.
        clock.SetUtcNow(Utc("2026-03-25T20:00"));
        using var second = SchedulerHost.Build(_folder.DatabasePath, clock, announcer, gracePeriod: "00:15:00");
        await second.StartAsync();

        Assert.Equal("missed", await second.OutcomeAsync(reminder));
        Assert.DoesNotContain(announcer.Posts, p => p.Kind == "reminder");
        await second.WaitUntilTriggerGoneAsync(Guild, reminder);
        Assert.Equal(Utc("2026-03-26T17:00"), (await second.TriggersAsync(Guild))[Key(BeforeSwitch, "reminder:60m")]);
        await second.StopAsync();
    }

    [Fact]
    public async Task Session_that_ended_while_the_bot_was_down_is_closed_late_at_the_restart_with_its_attendance()
    {
        var clock = new FakeTimeProvider(Utc("2026-03-26T18:05")); // the session started five minutes ago
        await SchedulerHost.SaveBerlinClubAsync(_folder.DatabasePath, Guild, Utc("2026-03-20T12:00"));
        var announcer = new RecordingAnnouncer();
        var end = Key(BeforeSwitch, "end");
        using (var first = SchedulerHost.Build(_folder.DatabasePath, clock, announcer, gracePeriod: "00:15:00"))
        {
            await first.StartAsync();
            await first.WaitForPostAsync("start");
            await first.Host.Services.GetRequiredService<ClubService>().RsvpAsync(Guild, new ClubMember(5, "ada", false), BeforeSwitch, RsvpAnswer.Going, default);
            Assert.Equal(Utc("2026-03-26T19:30"), (await first.TriggersAsync(Guild))[end]);
            await first.StopAsync();
        }

        // Down from 18:05 until the next morning: the 19:30 end passed while nobody was there to run it.
        clock.SetUtcNow(Utc("2026-03-27T09:00"));
        using (var second = SchedulerHost.Build(_folder.DatabasePath, clock, announcer, gracePeriod: "00:15:00"))
        {
            await second.StartAsync();

            Assert.Equal("done-late", await second.OutcomeAsync(end));
            await second.WaitForPostAsync("ended");
            var club = second.Host.Services.GetRequiredService<ClubService>();
            var held = Assert.Single(await club.HistoryAsync(Guild, 10, default));
            Assert.Equal((BeforeSwitch, SessionStatus.Held), (held.SessionId, held.Status));
            Assert.Equal([5UL], held.Attendees);
            Assert.Equal(BeforeSwitch, Assert.Single(announcer.Posts, p => p.Kind == "ended").Announcement.SessionId);
            await second.WaitUntilTriggerGoneAsync(Guild, end);
            await second.StopAsync();
        }

        // A further restart finds the session closed: its end is not planned again.
        using var third = SchedulerHost.Build(_folder.DatabasePath, clock, announcer, gracePeriod: "00:15:00");
        await third.StartAsync();
        var triggers = await third.TriggersAsync(Guild);
        await third.StopAsync();
        Assert.DoesNotContain(end, triggers.Keys);
        Assert.Contains(Key(AfterSwitch, "end"), triggers.Keys);
        Assert.Single(announcer.Posts, p => p.Kind == "ended");
        Assert.Single(announcer.Posts, p => p.Kind == "start");
    }

    [Fact]
    public async Task Session_under_way_when_the_schedule_changes_is_closed_at_its_stored_end_without_a_restart()
    {
        var clock = new FakeTimeProvider(Utc("2026-03-26T18:05")); // the session started five minutes ago
        await SchedulerHost.SaveBerlinClubAsync(_folder.DatabasePath, Guild, Utc("2026-03-20T12:00"));
        var announcer = new RecordingAnnouncer();
        var end = Key(BeforeSwitch, "end");
        using var run = SchedulerHost.Build(_folder.DatabasePath, clock, announcer, gracePeriod: "00:15:00");
        await run.StartAsync();
        await run.WaitForPostAsync("start");
        var club = run.Host.Services.GetRequiredService<ClubService>();
        var admin = new ClubMember(1, "admin", true);

        // Moved to Fridays mid-session: the schedule no longer yields this session, its end stays planned.
        await club.SetupAsync(Guild, admin, new ClubScheduleInput(42, "Friday", "19:00", "Europe/Berlin"), default);
        Assert.Equal(Utc("2026-03-26T19:30"), (await run.TriggersAsync(Guild))[end]);

        // Back to Thursdays with two hours: the schedule yields the same end key (at 20:00); the stored end is kept.
        await club.SetupAsync(Guild, admin, new ClubScheduleInput(42, "Thursday", "19:00", "Europe/Berlin", DurationMinutes: 120), default);
        Assert.Equal(Utc("2026-03-26T19:30"), (await run.TriggersAsync(Guild))[end]);

        clock.SetUtcNow(Utc("2026-03-26T19:30"));

        await run.WaitForPostAsync("ended");
        Assert.Equal("sent", await run.OutcomeAsync(end));
        var held = Assert.Single(await club.HistoryAsync(Guild, 10, default));
        Assert.Equal((BeforeSwitch, SessionStatus.Held), (held.SessionId, held.Status));
        await run.WaitUntilTriggerGoneAsync(Guild, end);
        Assert.Single(announcer.Posts, p => p.Kind == "ended");
        await run.StopAsync();
    }

    [Fact]
    public async Task Reminder_whose_post_fails_is_retried_30_seconds_later_and_posted_once()
    {
        var clock = new FakeTimeProvider(Utc("2026-03-25T17:59"));
        await SchedulerHost.SaveBerlinClubAsync(_folder.DatabasePath, Guild, Utc("2026-03-20T12:00"));
        var announcer = new RecordingAnnouncer();
        var reminder = Key(BeforeSwitch, "reminder:1440m");
        using var run = SchedulerHost.Build(_folder.DatabasePath, clock, announcer, gracePeriod: "00:15:00");
        await run.StartAsync();
        announcer.FailNext("reminder", 1);

        clock.SetUtcNow(Utc("2026-03-25T18:00"));

        var retry = reminder + "#retry1";
        Assert.Equal(Utc("2026-03-25T18:00").AddSeconds(30), await run.WaitForTriggerAsync(Guild, retry));
        Assert.Equal((1, 0), (announcer.Failures, announcer.Count("reminder")));
        Assert.Null(run.Log.OutcomeOf(reminder));

        // A rebuild meanwhile (any schedule change) keeps the retry instead of planning the reminder a second time.
        await run.Host.Services.GetRequiredService<ClubTriggerPlanner>().ReplanAsync(Guild, default);
        Assert.Equal(Utc("2026-03-25T18:00").AddSeconds(30), (await run.TriggersAsync(Guild))[retry]);
        Assert.DoesNotContain(reminder, (await run.TriggersAsync(Guild)).Keys);

        clock.Advance(TimeSpan.FromSeconds(30));

        await run.WaitForPostAsync("reminder");
        Assert.Equal("sent", await run.OutcomeAsync(reminder));
        await run.WaitUntilTriggerGoneAsync(Guild, retry);
        Assert.Single(announcer.Posts, p => p.Kind == "reminder");
        Assert.DoesNotContain((await run.TriggersAsync(Guild)).Keys, k => k.StartsWith(reminder, StringComparison.Ordinal));
        await run.StopAsync();
    }

    [Fact]
    public async Task Retries_back_off_and_stop_at_the_end_of_the_grace_period()
    {
        var clock = new FakeTimeProvider(Utc("2026-03-25T17:59"));
        await SchedulerHost.SaveBerlinClubAsync(_folder.DatabasePath, Guild, Utc("2026-03-20T12:00"));
        var announcer = new RecordingAnnouncer();
        var reminder = Key(BeforeSwitch, "reminder:1440m");
        using var run = SchedulerHost.Build(_folder.DatabasePath, clock, announcer, gracePeriod: "00:02:00");
        await run.StartAsync();
        announcer.FailNext("reminder", 10);

        clock.SetUtcNow(Utc("2026-03-25T18:00"));
        Assert.Equal(Utc("2026-03-25T18:00").AddSeconds(30), await run.WaitForTriggerAsync(Guild, reminder + "#retry1"));
        clock.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(Utc("2026-03-25T18:01").AddSeconds(30), await run.WaitForTriggerAsync(Guild, reminder + "#retry2"));
        clock.Advance(TimeSpan.FromMinutes(1));
        await run.WaitUntilTriggerGoneAsync(Guild, reminder + "#retry2");

        // The third try failed at 18:01:30; a retry two minutes later would fall after the 18:02 end of the grace period.
        Assert.Equal(3, announcer.Failures);
        Assert.DoesNotContain((await run.TriggersAsync(Guild)).Keys, k => k.StartsWith(reminder, StringComparison.Ordinal));
        Assert.Equal(0, announcer.Count("reminder"));
        await run.StopAsync();
    }

    [Fact]
    public async Task Skipping_the_session_removes_its_triggers_and_plans_the_week_after()
    {
        var clock = new FakeTimeProvider(Utc("2026-03-20T12:00"));
        await SchedulerHost.SaveBerlinClubAsync(_folder.DatabasePath, Guild, clock.GetUtcNow());
        using var run = SchedulerHost.Build(_folder.DatabasePath, clock, new RecordingAnnouncer());
        await run.StartAsync();
        Assert.Contains(Key(BeforeSwitch, "reminder:1440m"), (await run.TriggersAsync(Guild)).Keys);

        await run.Host.Services.GetRequiredService<ClubService>().SkipAsync(Guild, new ClubMember(1, "admin", true), default);

        var triggers = await run.TriggersAsync(Guild);
        Assert.DoesNotContain(triggers.Keys, k => k.Contains(BeforeSwitch, StringComparison.Ordinal));
        Assert.Equal(Utc("2026-04-02T17:00"), triggers[Key(AfterSwitch, "start")]);
        Assert.Equal(Utc("2026-04-09T17:00"), triggers[Key("2026-04-09", "start")]);
        await run.StopAsync();
    }

    [Fact]
    public async Task Negative_grace_period_stops_the_host_at_start_with_a_clear_message()
    {
        using var run = SchedulerHost.Build(_folder.DatabasePath, new FakeTimeProvider(), new RecordingAnnouncer(), gracePeriod: "-00:05:00");

        var ex = await Assert.ThrowsAsync<OptionsValidationException>(run.StartAsync);

        Assert.Contains("GracePeriod", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Job_data_round_trips_the_event()
    {
        var clubEvent = new ClubEvent(Guild, "2026-03-26", ClubEventKind.Reminder, TimeSpan.FromHours(24), Utc("2026-03-25T18:00"));

        Assert.Equal(clubEvent, ClubJobIdentity.FromData(ClubJobIdentity.ToData(clubEvent)));
        Assert.Equal(new JobKey("31:2026-03-26:reminder:1440m", "club-31"), ClubJobIdentity.JobKeyFor(clubEvent));
    }

    private static string Key(string sessionId, string kind) => $"{Guild}:{sessionId}:{kind}";

    private static DateTimeOffset Utc(string text) =>
        DateTimeOffset.ParseExact(text, "yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

    private static string[] Expected(params (string Key, string Utc)[] triggers) =>
        [.. triggers.Select(t => $"{t.Key} @ {Utc(t.Utc):yyyy-MM-dd'T'HH:mm}Z").Order(StringComparer.Ordinal)];

    private static string[] Describe(IReadOnlyDictionary<string, DateTimeOffset> triggers) =>
        [.. triggers.Select(t => $"{t.Key} @ {t.Value.UtcDateTime:yyyy-MM-dd'T'HH:mm}Z").Order(StringComparer.Ordinal)];
}
