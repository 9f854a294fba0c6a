using Microsoft.Extensions.Logging;
using StudyBot.Core.Commands;
using StudyBot.Core.FineTune;

namespace StudyBot.FineTune;

/// <summary>
/// Keeps a run's channel message current: edits it through the notifier, records a new reference when the
/// transport learns one, stops for good once the message is gone, and never lets a Discord failure escape.
/// </summary>
public sealed partial class FineTuneRunMessageEditor(
    IFineTuneRunRepository runs,
    IFineTuneNotifier notifier,
    TimeProvider time,
    ILogger<FineTuneRunMessageEditor> logger)
{
    /// <summary>Edits the run's message; with <paramref name="postIfMissing"/> a run without an editable message
    /// gets a new one. Returns the run as stored afterwards.</summary>
    public async Task<FineTuneRun> ShowAsync(FineTuneRun run, CommandResponse message, bool postIfMissing, CancellationToken cancellationToken)
    {
        if (run.MessageGone)
        {
            return run;
        }

        try
        {
            if (run.Message is not { } target || !target.Editable(time.GetUtcNow()))
            {
                if (!postIfMissing)
                {
                    return run;
                }

                var posted = await notifier.PostRunMessageAsync(run, message, cancellationToken);
                return await runs.UpdateAsync(run.Id, r => r.AttachMessage(posted), cancellationToken);
            }

            var outcome = await notifier.UpdateRunMessageAsync(run, target, message, cancellationToken);
            switch (outcome.Status)
            {
                case FineTuneEditStatus.Gone:
                    LogMessageGone(logger, run.Id);
                    return await runs.UpdateAsync(run.Id, r => r.MarkMessageGone(), cancellationToken);
                case FineTuneEditStatus.Edited when outcome.Message is { } moved && moved != target:
                    return await runs.UpdateAsync(run.Id, r => r.AttachMessage(moved), cancellationToken);
                default:
                    return run;
            }
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogEditFailed(logger, e, run.Id);
            return run;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "The message of fine-tune run {RunId} is gone; no more edits")]
    private static partial void LogMessageGone(ILogger logger, string runId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Updating the message of fine-tune run {RunId} failed")]
    private static partial void LogEditFailed(ILogger logger, Exception exception, string runId);
}
