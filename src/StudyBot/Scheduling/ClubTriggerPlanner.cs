using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Quartz;
using StudyBot.Core.Club;

namespace StudyBot.Scheduling;

/// <summary>
/// Keeps Quartz's triggers equal to <see cref="ClubEventPlanner.PlanAsync"/> for a guild: one one-shot trigger per
/// pending event, identified by the event key. Called at start for every club and whenever a plan changes
/// (setup, skip, a session ending). Overdue events are triggered at once; the service's grace rule then decides
/// whether they are still posted.
/// </summary>
public sealed partial class ClubTriggerPlanner(
    ISchedulerFactory schedulerFactory,
    ClubEventPlanner events,
    TimeProvider time,
    ILogger<ClubTriggerPlanner> logger) : IClubScheduleListener, IDisposable
{
    // What this process scheduled per guild; Quartz's store is in memory too, so both start empty.
    private readonly ConcurrentDictionary<ulong, HashSet<string>> _scheduled = new();
    private readonly SemaphoreSlim _gate = new(1, 1);

    public void Dispose() => _gate.Dispose();

    public Task ScheduleChangedAsync(ulong guildId, CancellationToken cancellationToken) => ReplanAsync(guildId, cancellationToken);

    public async Task ReplanAsync(ulong guildId, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var scheduler = await schedulerFactory.GetScheduler(cancellationToken);
            var plan = await events.PlanAsync(guildId, cancellationToken);
            var previous = _scheduled.GetOrAdd(guildId, _ => []);
            var planned = plan.Select(e => e.Key).ToHashSet(StringComparer.Ordinal);

            foreach (var stale in previous.Where(key => !planned.Contains(key)).ToList())
            {
                // The planned trigger and any retry of a failed post (see ClubEventJob).
                foreach (var trigger in await scheduler.GetTriggersOfJob(new JobKey(stale, ClubJobIdentity.Group(guildId)), cancellationToken))
                {
                    await scheduler.UnscheduleJob(trigger.Key, cancellationToken);
                }

                previous.Remove(stale);
            }

            foreach (var clubEvent in plan)
            {
                if (await ScheduleAsync(scheduler, clubEvent, cancellationToken))
                {
                    LogScheduled(logger, clubEvent.Key, clubEvent.DueAt);
                }

                previous.Add(clubEvent.Key);
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Schedules the event unless the same event already has a trigger pending (the planned one, or a retry
    /// of a failed post, which keeps its backoff); false when nothing changed.</summary>
    private async Task<bool> ScheduleAsync(IScheduler scheduler, ClubEvent clubEvent, CancellationToken cancellationToken)
    {
        var jobKey = ClubJobIdentity.JobKeyFor(clubEvent);
        var existing = await scheduler.GetJobDetail(jobKey, cancellationToken);
        if (existing is not null)
        {
            var triggers = await scheduler.GetTriggersOfJob(jobKey, cancellationToken);
            if (triggers.Count > 0 && ClubJobIdentity.FromData(existing.JobDataMap) == clubEvent)
            {
                return false;
            }

            await scheduler.DeleteJob(jobKey, cancellationToken);
        }

        var job = JobBuilder.Create()
            .OfType(JobType(clubEvent.Kind))
            .WithIdentity(jobKey)
            .UsingJobData(ClubJobIdentity.ToData(clubEvent))
            .WithDescription(clubEvent.Key)
            .Build();
        var now = time.GetUtcNow();
        var newTrigger = TriggerBuilder.Create(time)
            .WithIdentity(ClubJobIdentity.TriggerKeyFor(clubEvent))
            .ForJob(jobKey)
            .StartAt(clubEvent.DueAt > now ? clubEvent.DueAt : now)
            .Build();
        await scheduler.ScheduleJob(job, newTrigger, cancellationToken: cancellationToken);
        return true;
    }

    private static Type JobType(ClubEventKind kind) => kind switch
    {
        ClubEventKind.Pick => typeof(ClubPickJob),
        ClubEventKind.Reminder => typeof(ClubReminderJob),
        ClubEventKind.Start => typeof(ClubSessionStartJob),
        _ => typeof(ClubSessionEndJob),
    };

    [LoggerMessage(Level = LogLevel.Debug, Message = "Scheduled club event {EventKey} at {DueAt}")]
    private static partial void LogScheduled(ILogger logger, string eventKey, DateTimeOffset dueAt);
}
