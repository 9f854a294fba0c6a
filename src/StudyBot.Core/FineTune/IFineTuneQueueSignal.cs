namespace StudyBot.Core.FineTune;

/// <summary>How commands tell the queue worker that something changed, without waiting for its next poll.</summary>
public interface IFineTuneQueueSignal
{
    /// <summary>A run was queued, approved or cancelled: look at the queue again.</summary>
    void QueueChanged();

    /// <summary>Stops the trainer of a running run (after <see cref="FineTuneRun.RequestCancel"/> was stored).
    /// Returns false when this process is not training that run.</summary>
    bool CancelRunning(string runId);
}
