using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;
using Quartz;
using StudyBot.Core.Club;
using StudyBot.Core.Commands;
using StudyBot.Core.Papers;
using StudyBot.Scheduling;
using StudyBot.Storage;
using StudyBot.Storage.Club;

namespace StudyBot.Tests.Scheduling;

/// <summary>
/// A real generic host with the real registrations (core, storage on a temp file, Quartz) on a
/// <see cref="FakeTimeProvider"/> the test moves by hand: the club services, the trigger planner and Quartz's own
/// scheduling loop all read that clock. Each instance is one "run" of the bot over the same database file.
/// </summary>
internal sealed class SchedulerHost : IDisposable
{
    /// <summary>How long a test waits for something that must happen; never a wait for something that must not.</summary>
    public static readonly TimeSpan Generous = TimeSpan.FromSeconds(30);

    private SchedulerHost(IHost host, FakeTimeProvider clock, RecordingAnnouncer announcer)
    {
        Host = host;
        Clock = clock;
        Announcer = announcer;
    }

    public IHost Host { get; }

    public FakeTimeProvider Clock { get; }

    public RecordingAnnouncer Announcer { get; }

    public RecordingEventLog Log => (RecordingEventLog)Host.Services.GetRequiredService<IClubEventLog>();

    public static SchedulerHost Build(string databasePath, FakeTimeProvider clock, RecordingAnnouncer announcer, string? gracePeriod = null)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Development" });
        if (gracePeriod is not null)
        {
            builder.Configuration[$"{ClubSchedulingOptions.SectionName}:GracePeriod"] = gracePeriod;
        }

        // Registered first: the product's registrations only add a clock and an event log where none is.
        builder.Services.AddSingleton<TimeProvider>(clock);
        builder.Services.AddSingleton<IClubEventLog>(sp => new RecordingEventLog(new LiteDbClubEventLog(sp.GetRequiredService<StudyBotDatabase>())));
        builder.Services.AddSingleton<IPaperCatalog, EmptyCatalog>();
        builder.Services.AddSingleton<IClubAnnouncer>(announcer);
        builder.Services.AddStudyBotCore();
        builder.Services.AddStudyBotStorage(databasePath);
        builder.Services.AddClubScheduling();
        return new SchedulerHost(builder.Build(), clock, announcer);
    }

    public Task StartAsync() => Host.StartAsync();

    public Task StopAsync() => Host.StopAsync();

    public Task<IScheduler> SchedulerAsync() => Host.Services.GetRequiredService<ISchedulerFactory>().GetScheduler().AsTask();

    /// <summary>The club's pending Quartz triggers: event key → the instant the trigger will fire.</summary>
    public async Task<IReadOnlyDictionary<string, DateTimeOffset>> TriggersAsync(ulong guildId)
    {
        var scheduler = await SchedulerAsync();
        var keys = await scheduler.GetTriggerKeys(GroupMatcher<TriggerKey>.GroupEquals(ClubJobIdentity.Group(guildId)));
        var triggers = new SortedDictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        foreach (var key in keys)
        {
            if (await scheduler.GetTrigger(key) is { NextFireTimeUtc: { } next })
            {
                triggers[key.Name] = next;
            }
        }

        return triggers;
    }

    /// <summary>Waits (generously) until the fired job has claimed the event in the log, and returns the outcome.</summary>
    public async Task<string> OutcomeAsync(string eventKey)
    {
        Assert.True(await WaitUntilAsync(() => Log.OutcomeOf(eventKey) is not null, Generous), $"{eventKey} never fired");
        return Log.OutcomeOf(eventKey)!;
    }

    /// <summary>Waits (generously) until the announcer got a post of that kind. The event log is claimed before the
    /// announcement goes out, so a "sent" outcome alone does not mean the post is there yet.</summary>
    public async Task WaitForPostAsync(string kind) =>
        Assert.True(await WaitUntilAsync(() => Announcer.Count(kind) > 0, Generous), $"no {kind} was posted");

    /// <summary>Waits (generously) until a trigger of that name is pending, and returns when it will fire.</summary>
    public async Task<DateTimeOffset> WaitForTriggerAsync(ulong guildId, string triggerName)
    {
        var deadline = DateTime.UtcNow + Generous;
        while (true)
        {
            if ((await TriggersAsync(guildId)).TryGetValue(triggerName, out var at))
            {
                return at;
            }

            Assert.True(DateTime.UtcNow < deadline, $"the trigger {triggerName} was never scheduled");
            await Task.Delay(20);
        }
    }

    /// <summary>Waits (generously) until the trigger is gone from the scheduler: fired and completed, or unscheduled.</summary>
    public async Task WaitUntilTriggerGoneAsync(ulong guildId, string eventKey)
    {
        var scheduler = await SchedulerAsync();
        var key = new TriggerKey(eventKey, ClubJobIdentity.Group(guildId));
        var deadline = DateTime.UtcNow + Generous;
        while (await scheduler.GetTrigger(key) is not null)
        {
            Assert.True(DateTime.UtcNow < deadline, $"the trigger {eventKey} is still pending");
            await Task.Delay(20);
        }
    }

    public void Dispose() => Host.Dispose();

    /// <summary>A Thursday 19:00 Europe/Berlin club with 90-minute sessions, the default reminders (24 h and 1 h
    /// before) and the default pick 5 days before, saved straight to the database as a previous run left it.</summary>
    public static async Task<ClubSchedule> SaveBerlinClubAsync(string databasePath, ulong guildId, DateTimeOffset savedAt, string timeZoneId = "Europe/Berlin")
    {
        var schedule = new ClubSchedule(
            guildId,
            42,
            DayOfWeek.Thursday,
            new TimeOnly(19, 0),
            timeZoneId,
            ClubSchedule.DefaultDuration,
            ClubSchedule.DefaultReminderOffsets,
            ClubSchedule.DefaultPickLead,
            [],
            savedAt);
        using var database = new StudyBotDatabase(databasePath);
        await new LiteDbClubRepository(database).SaveScheduleAsync(schedule, default);
        return schedule;
    }

    public static async Task<bool> WaitUntilAsync(Func<bool> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (condition())
            {
                return true;
            }

            await Task.Delay(20);
        }

        return condition();
    }
}
