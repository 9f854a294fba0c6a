using Microsoft.Extensions.Logging;
using Quartz;
using StudyBot.Core.Queue;

namespace StudyBot.Scheduling;

/// <summary>Quartz job that asks arXiv again for queued papers whose metadata is pending (arXiv was down or
/// rate-limiting when they were added), at start and then every <see cref="Interval"/>. The arXiv client's
/// spacing and cache keep the requests polite.</summary>
[DisallowConcurrentExecution]
public sealed partial class QueueMetadataJob(ReadingQueueService queue, ILogger<QueueMetadataJob> logger) : IJob
{
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(10);

    public static readonly JobKey Key = new("pending-metadata", "queue");

    public static void Schedule(IQuartzBuilder quartz) =>
        quartz.ScheduleJob<QueueMetadataJob>(
            trigger => trigger.WithIdentity(Key.Name, Key.Group).StartNow().WithSimpleSchedule(s => s.WithInterval(Interval).RepeatForever()),
            job => job.WithIdentity(Key));

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        try
        {
            await queue.CompletePendingAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The next pass tries again; a failure must not surface as an unhandled scheduler error.
            LogFailed(logger, ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Completing pending queue metadata failed")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
