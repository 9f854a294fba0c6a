using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Quartz;
using StudyBot.Core.Club;

namespace StudyBot.Scheduling;

/// <summary>The shared body of the club jobs: read the event from the job data and hand it to
/// <see cref="ClubEventService"/>, which decides (idempotency, grace period) and announces.</summary>
public abstract partial class ClubEventJob(ClubEventService events, IOptions<ClubSchedulingOptions> options, ILogger logger) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var clubEvent = ClubJobIdentity.FromData(context.MergedJobDataMap);
        try
        {
            var outcome = await events.FireAsync(clubEvent, options.Value.GracePeriod, cancellationToken);
            LogOutcome(logger, clubEvent.Key, outcome);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Logged here so a failed post never surfaces as an unhandled scheduler error; the event stays
            // unrecorded and is planned again at the next rebuild.
            LogFailed(logger, clubEvent.Key, ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Club job {EventKey}: {Outcome}")]
    private static partial void LogOutcome(ILogger logger, string eventKey, ClubEventOutcome outcome);

    [LoggerMessage(Level = LogLevel.Error, Message = "Club job {EventKey} failed")]
    private static partial void LogFailed(ILogger logger, string eventKey, Exception exception);
}
