using System.Collections.Concurrent;
using StudyBot.Core.Commands;
using StudyBot.Core.FineTune;

namespace StudyBot.Tests.FineTune;

/// <summary>Records what the fine-tune feature would post to the channel; can pretend the run message was deleted.</summary>
internal sealed class RecordingFineTuneNotifier : IFineTuneNotifier
{
    private long _nextMessageId = 1000;

    public ConcurrentQueue<NotifierCall> Calls { get; } = new();

    /// <summary>After this many successful edits, edits answer <see cref="FineTuneEditStatus.Gone"/>.</summary>
    public int? GoneAfterEdits { get; set; }

    public int EditsAfterGone { get; private set; }

    /// <summary>Interaction tokens no longer work: an edit through one falls back to the message id.</summary>
    public bool TokenDead { get; set; }

    public IReadOnlyList<NotifierCall> For(string runId, string kind) => Calls.Where(c => c.RunId == runId && c.Kind == kind).ToList();

    public Task<FineTuneMessageRef> PostRunMessageAsync(FineTuneRun run, CommandResponse message, CancellationToken cancellationToken)
    {
        Calls.Enqueue(new NotifierCall("post", run.Id, message, DateTimeOffset.UtcNow));
        return Task.FromResult(new FineTuneMessageRef(run.ChannelId, (ulong)Interlocked.Increment(ref _nextMessageId), null, DateTimeOffset.UtcNow));
    }

    public Task<FineTuneEditOutcome> UpdateRunMessageAsync(FineTuneRun run, FineTuneMessageRef target, CommandResponse message, CancellationToken cancellationToken)
    {
        var edits = Calls.Count(c => c.Kind == "edit");
        if (GoneAfterEdits is { } limit && edits >= limit)
        {
            EditsAfterGone++;
            return Task.FromResult(FineTuneEditOutcome.Gone);
        }

        Calls.Enqueue(new NotifierCall("edit", run.Id, message, DateTimeOffset.UtcNow, target));
        if (TokenDead && target.InteractionToken is not null)
        {
            // As the transport does when Discord refuses the token: edited by id, and the reference loses the token.
            return Task.FromResult(new FineTuneEditOutcome(FineTuneEditStatus.Edited, target with { InteractionToken = null }));
        }

        return Task.FromResult(FineTuneEditOutcome.Edited);
    }

    public Task PostResultAsync(FineTuneRun run, CommandResponse message, CancellationToken cancellationToken)
    {
        Calls.Enqueue(new NotifierCall("result", run.Id, message, DateTimeOffset.UtcNow));
        return Task.CompletedTask;
    }

    public Task PostNoticeAsync(FineTuneRun run, CommandResponse message, CancellationToken cancellationToken)
    {
        Calls.Enqueue(new NotifierCall("notice", run.Id, message, DateTimeOffset.UtcNow));
        return Task.CompletedTask;
    }
}

/// <param name="Target">For edits: the message reference the edit was given (with the interaction token, if any).</param>
internal sealed record NotifierCall(string Kind, string RunId, CommandResponse Message, DateTimeOffset At, FineTuneMessageRef? Target = null);
