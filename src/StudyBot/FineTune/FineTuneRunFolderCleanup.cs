using Microsoft.Extensions.Logging;
using StudyBot.Core.FineTune;

namespace StudyBot.FineTune;

/// <summary>
/// Keeps run folders from growing without bound: once a run has ended, its checkpoints/ (the adapter and the
/// optimizer's AdamW moments, for each kept step) are deleted unless the run can still be continued from them. A
/// succeeded run keeps what its results point at (adapter/, adapter.zip, metrics.json, loss.png, samples.json); a
/// cancelled run and a failed one that cannot be resumed keep no checkpoint. A folder still locked by a trainer (one
/// that outlived its kill) is left alone.
/// </summary>
public static partial class FineTuneRunFolderCleanup
{
    /// <summary>Deletes the finished run's checkpoints unless <paramref name="resumable"/>; true when they are gone.</summary>
    public static bool AfterFinish(FineTuneRun run, FineTuneRunFolder folder, bool resumable, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(folder);
        if (!run.IsFinal || (resumable && run.State != FineTuneRunState.Succeeded) || !Directory.Exists(folder.Checkpoints))
        {
            return !Directory.Exists(folder.Checkpoints);
        }

        try
        {
            using var held = TrainerProcessLock.TryAcquire(folder.Directory);
            if (held is null)
            {
                LogStillLocked(logger, run.Id);
                return false;
            }

            Directory.Delete(folder.Checkpoints, recursive: true);
            LogDeleted(logger, run.Id, run.State);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            LogDeleteFailed(logger, e, run.Id);
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Deleted the checkpoints of fine-tune run {RunId} ({State})")]
    private static partial void LogDeleted(ILogger logger, string runId, FineTuneRunState state);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The checkpoints of fine-tune run {RunId} are kept: a trainer process still holds its folder")]
    private static partial void LogStillLocked(ILogger logger, string runId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Deleting the checkpoints of fine-tune run {RunId} failed")]
    private static partial void LogDeleteFailed(ILogger logger, Exception exception, string runId);
}
