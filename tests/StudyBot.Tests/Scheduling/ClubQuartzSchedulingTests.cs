using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Quartz;
using StudyBot.Core.Club;
using StudyBot.Core.Members;
using StudyBot.Scheduling;

namespace StudyBot.Tests.Scheduling;

/// <summary>The real Quartz scheduler in a real host. Triggers are a few seconds ahead; waits are generous and
/// nothing asserts on timing.</summary>
public sealed class ClubQuartzSchedulingTests : IDisposable
{
    private const ulong Guild = 31;
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(30);

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Reminder_rebuilt_from_the_database_at_start_fires_once_through_the_announcer()
    {
        var schedule = await SchedulerHost.SaveClubWithReminderDueInAsync(_folder.DatabasePath, Guild, TimeSpan.FromSeconds(3));
        var announcer = new RecordingAnnouncer();
        using var host = SchedulerHost.Build(_folder.DatabasePath, announcer);
        await host.StartAsync();
        // A second rebuild (as after a schedule change) must not add a second trigger.
        await host.Services.GetRequiredService<ClubTriggerPlanner>().ReplanAsync(Guild, default);

        Assert.True(await SchedulerHost.WaitUntilAsync(() => announcer.Count("reminder") > 0, Generous), "the reminder never fired");
        await Task.Delay(TimeSpan.FromSeconds(2));
        await host.StopAsync();

        var post = Assert.Single(announcer.Posts, p => p.Kind == "reminder");
        Assert.Equal(schedule.ChannelId, post.Announcement.ChannelId);
        Assert.Equal(Guild, post.Announcement.GuildId);
    }

    [Fact]
    public async Task Restart_after_a_reminder_does_not_send_it_again()
    {
        var schedule = await SchedulerHost.SaveClubWithReminderDueInAsync(_folder.DatabasePath, Guild, TimeSpan.FromSeconds(2));
        var announcer = new RecordingAnnouncer();
        using (var first = SchedulerHost.Build(_folder.DatabasePath, announcer))
        {
            await first.StartAsync();
            Assert.True(await SchedulerHost.WaitUntilAsync(() => announcer.Count("reminder") > 0, Generous), "the reminder never fired");
            await first.StopAsync();
        }

        using var second = SchedulerHost.Build(_folder.DatabasePath, announcer, gracePeriod: "01:00:00");
        await second.StartAsync();
        var scheduler = await second.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        var plan = await second.Services.GetRequiredService<ClubEventPlanner>().PlanAsync(Guild, default);
        await Task.Delay(TimeSpan.FromSeconds(3));
        await second.StopAsync();

        var firstSession = Assert.Single(announcer.Posts, p => p.Kind == "reminder").Announcement.SessionId;
        Assert.DoesNotContain(plan, e => e.Kind == ClubEventKind.Reminder && e.SessionId == firstSession);
        Assert.Contains(plan, e => e.Kind == ClubEventKind.Reminder && e.SessionId != firstSession);
        Assert.Equal(schedule.ChannelId, announcer.Posts.First().Announcement.ChannelId);
        Assert.Equal(1, announcer.Count("reminder"));
        Assert.NotNull(scheduler);
    }

    [Fact]
    public async Task Skipping_the_session_removes_its_pending_reminder_trigger()
    {
        await SchedulerHost.SaveClubWithReminderDueInAsync(_folder.DatabasePath, Guild, TimeSpan.FromSeconds(4));
        var announcer = new RecordingAnnouncer();
        using var host = SchedulerHost.Build(_folder.DatabasePath, announcer);
        await host.StartAsync();
        var scheduler = await host.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        var reminder = (await host.Services.GetRequiredService<ClubEventPlanner>().PlanAsync(Guild, default)).First(e => e.Kind == ClubEventKind.Reminder && e.DueAt > DateTimeOffset.UtcNow);
        Assert.NotNull(await scheduler.GetTrigger(ClubJobIdentity.TriggerKeyFor(reminder)));

        await host.Services.GetRequiredService<ClubService>().SkipAsync(Guild, new ClubMember(1, "admin", true), default);

        Assert.Null(await scheduler.GetTrigger(ClubJobIdentity.TriggerKeyFor(reminder)));
        await Task.Delay(TimeSpan.FromSeconds(6));
        await host.StopAsync();
        Assert.Equal(0, announcer.Count("reminder"));
    }

    [Fact]
    public async Task Negative_grace_period_stops_the_host_at_start_with_a_clear_message()
    {
        using var host = SchedulerHost.Build(_folder.DatabasePath, new RecordingAnnouncer(), gracePeriod: "-00:05:00");

        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("GracePeriod", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Job_data_round_trips_the_event()
    {
        var clubEvent = new ClubEvent(Guild, "2026-03-26", ClubEventKind.Reminder, TimeSpan.FromHours(24), new DateTimeOffset(2026, 3, 25, 18, 0, 0, TimeSpan.Zero));

        Assert.Equal(clubEvent, ClubJobIdentity.FromData(ClubJobIdentity.ToData(clubEvent)));
        Assert.Equal(new JobKey("31:2026-03-26:reminder:1440m", "club-31"), ClubJobIdentity.JobKeyFor(clubEvent));
    }
}
