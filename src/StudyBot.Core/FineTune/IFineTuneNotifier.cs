using StudyBot.Core.Commands;

namespace StudyBot.Core.FineTune;

/// <summary>
/// How the fine-tune feature talks to the channel (implemented by the transport). Messages arrive fully rendered
/// (<see cref="FineTuneMessages"/>); the transport only delivers them. Throttling of progress edits is the caller's.
/// Implementations should not throw for Discord-side failures: report them through the outcome.
/// </summary>
public interface IFineTuneNotifier
{
    /// <summary>
    /// Posts a new run message in <see cref="FineTuneRun.ChannelId"/> (queued / position / resumed notice with the
    /// Cancel button) and returns where it is, so later progress edits go to it.
    /// </summary>
    Task<FineTuneMessageRef> PostRunMessageAsync(FineTuneRun run, CommandResponse message, CancellationToken cancellationToken);

    /// <summary>
    /// Edits the run's message <paramref name="target"/>: through its interaction token while
    /// <see cref="FineTuneMessageRef.InteractionTokenUsable"/>, else as an ordinary bot message by id.
    /// Returns <see cref="FineTuneEditStatus.Gone"/> when the message no longer exists or cannot be edited any more.
    /// </summary>
    Task<FineTuneEditOutcome> UpdateRunMessageAsync(FineTuneRun run, FineTuneMessageRef target, CommandResponse message, CancellationToken cancellationToken);

    /// <summary>Posts the results (text, embeds, files such as loss.png and adapter.zip, a "Sample again" button)
    /// in a thread under the run's message where possible, else in the channel. The content mentions the requester.</summary>
    Task PostResultAsync(FineTuneRun run, CommandResponse message, CancellationToken cancellationToken);

    /// <summary>Posts a failure, cancellation or resume notice in the channel (mentioning the requester).</summary>
    Task PostNoticeAsync(FineTuneRun run, CommandResponse message, CancellationToken cancellationToken);
}
