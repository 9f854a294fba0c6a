using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using StudyBot.Core.Commands;
using StudyBot.Core.FineTune;

namespace StudyBot.FineTune;

/// <summary>
/// Keeps a run's channel message current: edits it through the notifier, records a new reference when the
/// transport learns one, stops for good once the message is gone, and never lets a Discord failure escape.
/// The run's message is normally the reply to <c>/finetune start</c>: until that reply is attached (or
/// <see cref="ReplyPatience"/> passes) no second message is posted for the run.
/// </summary>
public sealed partial class FineTuneRunMessageEditor(
    IFineTuneRunRepository runs,
    IFineTuneNotifier notifier,
    TimeProvider time,
    ILogger<FineTuneRunMessageEditor> logger)
{
    /// <summary>How long a run that starts at once waits for its command's reply before posting its own message.</summary>
    public static readonly TimeSpan ReplyPatience = TimeSpan.FromSeconds(60);

    private readonly ConcurrentDictionary<string, TaskCompletionSource> _pendingReplies = new(StringComparer.Ordinal);

    /// <summary>The command's reply is on its way and will become the run's message (see <see cref="AttachReplyAsync"/>).</summary>
    public void ExpectReply(string runId) =>
        _pendingReplies.TryAdd(runId, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));

    /// <summary>Makes the sent reply the run's message; <paramref name="reply"/> null means it could not be sent,
    /// so the worker posts a message of its own. Never throws.</summary>
    public async Task AttachReplyAsync(string runId, FineTuneMessageRef? reply, CancellationToken cancellationToken)
    {
        try
        {
            if (reply is not null)
            {
                // A run that gave up waiting has posted its own message meanwhile: keep that one.
                var run = await runs.UpdateAsync(runId, r => r.Message is null ? r.AttachMessage(reply) : r, cancellationToken);
                if (run.IsFinal && run.Message == reply)
                {
                    // Cancelled (or failed) before its reply arrived: the reply must not keep saying "queued".
                    await ShowAsync(run, FineTuneMessages.Finished(run), postIfMissing: false, cancellationToken);
                }
            }
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogAttachFailed(logger, e, runId);
        }
        finally
        {
            if (_pendingReplies.TryRemove(runId, out var pending))
            {
                pending.TrySetResult();
            }
        }
    }

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
            if (run.Message is null && postIfMissing)
            {
                // The caller's copy may predate the reply's attachment: look again (after waiting for it) before posting.
                run = await WaitForReplyAsync(run, cancellationToken);
                if (run.MessageGone)
                {
                    return run;
                }
            }

            if (run.Message is not { } target || !target.Editable(time.GetUtcNow()))
            {
                return postIfMissing ? await PostAsync(run, message, cancellationToken) : run;
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

    private async Task<FineTuneRun> WaitForReplyAsync(FineTuneRun run, CancellationToken cancellationToken)
    {
        if (_pendingReplies.TryGetValue(run.Id, out var pending))
        {
            try
            {
                await pending.Task.WaitAsync(ReplyPatience, time, cancellationToken);
            }
            catch (TimeoutException)
            {
                _pendingReplies.TryRemove(run.Id, out _);
                LogReplyLate(logger, run.Id);
            }
        }

        return await runs.FindAsync(run.Id, cancellationToken) ?? run;
    }

    /// <summary>Posts a new run message. A post that fails is not retried at every progress tick: after a failure
    /// (no access to the channel, channel gone) the run goes on without a message.</summary>
    private async Task<FineTuneRun> PostAsync(FineTuneRun run, CommandResponse message, CancellationToken cancellationToken)
    {
        FineTuneMessageRef posted;
        try
        {
            posted = await notifier.PostRunMessageAsync(run, message, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogPostFailed(logger, e, run.Id);
            return await runs.UpdateAsync(run.Id, r => r.MarkMessageGone(), cancellationToken);
        }

        return await runs.UpdateAsync(run.Id, r => r.AttachMessage(posted), cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "The message of fine-tune run {RunId} is gone; no more edits")]
    private static partial void LogMessageGone(ILogger logger, string runId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Updating the message of fine-tune run {RunId} failed")]
    private static partial void LogEditFailed(ILogger logger, Exception exception, string runId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Posting a message for fine-tune run {RunId} failed; the run goes on without one")]
    private static partial void LogPostFailed(ILogger logger, Exception exception, string runId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not attach the command's reply to fine-tune run {RunId}")]
    private static partial void LogAttachFailed(ILogger logger, Exception exception, string runId);

    [LoggerMessage(Level = LogLevel.Information, Message = "The reply to the command of fine-tune run {RunId} did not arrive in time; posting a new message")]
    private static partial void LogReplyLate(ILogger logger, string runId);
}
