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
/// The reply's interaction token is kept in this editor's memory only, for the token's lifetime: the stored run knows
/// the message by channel and id, so after a restart (or once the token expired) the message is edited by id.
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

    /// <summary>The message of each run whose message is its command's reply, with its interaction token, while the
    /// token may work. Only applied while the stored message is still that reply.</summary>
    private readonly ConcurrentDictionary<string, FineTuneMessageRef> _tokens = new(StringComparer.Ordinal);

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
                ForgetExpiredTokens();
                var stored = reply.WithoutToken();

                // Held before the run is stored with its message, so no edit in between finds the message without it.
                if (reply.InteractionToken is not null)
                {
                    _tokens[runId] = reply;
                }

                // A run that gave up waiting has posted its own message meanwhile: keep that one.
                var run = await runs.UpdateAsync(runId, r => r.Message is null ? r.AttachMessage(stored) : r, cancellationToken);
                if (run.Message != stored)
                {
                    _tokens.TryRemove(new KeyValuePair<string, FineTuneMessageRef>(runId, reply));
                    return;
                }

                if (run.IsFinal)
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

            var now = time.GetUtcNow();
            if (run.Message is not { } stored || WithLiveToken(run.Id, stored, now) is not { } target || !target.Editable(now))
            {
                return postIfMissing ? await PostAsync(run, message, cancellationToken) : run;
            }

            var outcome = await notifier.UpdateRunMessageAsync(run, target, message, cancellationToken);
            switch (outcome.Status)
            {
                case FineTuneEditStatus.Gone:
                    LogMessageGone(logger, run.Id);
                    _tokens.TryRemove(run.Id, out _);
                    return await runs.UpdateAsync(run.Id, r => r.MarkMessageGone(), cancellationToken);
                case FineTuneEditStatus.Edited when outcome.Message is { } moved:
                    if (moved.InteractionToken is null)
                    {
                        // The token stopped working early: the message is edited by id from now on.
                        _tokens.TryRemove(run.Id, out _);
                    }
                    else
                    {
                        _tokens[run.Id] = moved;
                    }

                    return moved.WithoutToken() != stored
                        ? await runs.UpdateAsync(run.Id, r => r.AttachMessage(moved), cancellationToken)
                        : run;
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

    /// <summary>The stored message with the token this editor holds for it, while the token is usable; else as stored
    /// (without a token: edited by id).</summary>
    private FineTuneMessageRef WithLiveToken(string runId, FineTuneMessageRef stored, DateTimeOffset now)
    {
        if (_tokens.TryGetValue(runId, out var live) && live.WithoutToken() == stored.WithoutToken())
        {
            if (live.InteractionTokenUsable(now))
            {
                return live;
            }

            _tokens.TryRemove(new KeyValuePair<string, FineTuneMessageRef>(runId, live));
        }

        return stored.WithoutToken();
    }

    /// <summary>Drops the tokens of runs whose messages were not edited again before their tokens expired.</summary>
    private void ForgetExpiredTokens()
    {
        var now = time.GetUtcNow();
        foreach (var entry in _tokens)
        {
            if (!entry.Value.InteractionTokenUsable(now))
            {
                _tokens.TryRemove(entry);
            }
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

        // The new message is not the command's reply: a token held for the old one does not edit it.
        _tokens.TryRemove(run.Id, out _);
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
