using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Quartz;
using StudyBot.Core.Club;

namespace StudyBot.Scheduling;

/// <summary>The shared body of the club jobs: read the event from the job data and hand it to
/// <see cref="ClubEventService"/>, which decides (idempotency, grace period) and announces. A failed post (the event
/// stays unrecorded) is tried again by a retry trigger for the same job, 30 s, 1 min, 2 min … (at most
/// <see cref="MaxRetryDelay"/> apart) later, for as long as the retry still falls within the grace period; after that
/// the event is left to the next rebuild, where the grace rule decides.</summary>
public abstract partial class ClubEventJob(ClubEventService events, IOptions<ClubSchedulingOptions> options, TimeProvider time, ILogger logger) : IJob
{
    public static readonly TimeSpan FirstRetryDelay = TimeSpan.FromSeconds(30);
    public static readonly TimeSpan MaxRetryDelay = TimeSpan.FromMinutes(5);

    /// <summary>Trigger data: how many retries of the event came before this one (absent on the planned trigger).</summary>
    private const string RetryKey = "retry";

    /// <summary>The delay before retry number <paramref name="retry"/> (1 for the first).</summary>
    public static TimeSpan RetryDelay(int retry) =>
        retry >= 10 ? MaxRetryDelay : TimeSpan.FromTicks(Math.Min(FirstRetryDelay.Ticks << (retry - 1), MaxRetryDelay.Ticks));

    /// <summary>The trigger name of a retry; in the club's group, next to the planned trigger named by the event key.</summary>
    public static string RetryTriggerName(ClubEvent clubEvent, int retry) =>
        string.Create(CultureInfo.InvariantCulture, $"{clubEvent.Key}#retry{retry}");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var clubEvent = ClubJobIdentity.FromData(context.MergedJobDataMap);
        try
        {
            var outcome = await events.FireAsync(clubEvent, options.Value.GracePeriod, cancellationToken);
            LogOutcome(logger, clubEvent.Key, outcome);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            // An HttpClient timeout (a TaskCanceledException not from this token) is retried like any failed post.
            // Logged here so a failed post never surfaces as an unhandled scheduler error; the event stays unrecorded.
            LogFailed(logger, clubEvent.Key, ex);
            await RetryAsync(context, clubEvent, cancellationToken);
        }
    }

    private async Task RetryAsync(IJobExecutionContext context, ClubEvent clubEvent, CancellationToken cancellationToken)
    {
        var retry = (context.Trigger.JobDataMap.TryGetValue(RetryKey, out var value) && value is string text ? int.Parse(text, CultureInfo.InvariantCulture) : 0) + 1;
        var at = time.GetUtcNow() + RetryDelay(retry);
        var deadline = await events.GraceEndsAtAsync(clubEvent, options.Value.GracePeriod, cancellationToken);
        if (deadline is null || at > deadline)
        {
            LogNoRetry(logger, clubEvent.Key);
            return;
        }

        var trigger = TriggerBuilder.Create(time)
            .WithIdentity(RetryTriggerName(clubEvent, retry), ClubJobIdentity.Group(clubEvent.GuildId))
            .ForJob(context.JobDetail.Key)
            .UsingJobData(RetryKey, retry.ToString(CultureInfo.InvariantCulture))
            .StartAt(at)
            .Build();
        await context.Scheduler.ScheduleJob(trigger, cancellationToken: cancellationToken);
        LogRetry(logger, clubEvent.Key, retry, at);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Club job {EventKey}: {Outcome}")]
    private static partial void LogOutcome(ILogger logger, string eventKey, ClubEventOutcome outcome);

    [LoggerMessage(Level = LogLevel.Error, Message = "Club job {EventKey} failed")]
    private static partial void LogFailed(ILogger logger, string eventKey, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Club job {EventKey}: retry {Retry} at {At}")]
    private static partial void LogRetry(ILogger logger, string eventKey, int retry, DateTimeOffset at);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Club job {EventKey}: no retry within the grace period; left to the next rebuild of the schedule")]
    private static partial void LogNoRetry(ILogger logger, string eventKey);
}
