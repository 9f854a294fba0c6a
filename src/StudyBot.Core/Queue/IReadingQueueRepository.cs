namespace StudyBot.Core.Queue;

/// <summary>Storage of reading queues. Every method is atomic per guild: concurrent calls never lose an update.</summary>
public interface IReadingQueueRepository
{
    /// <summary>The guild's queue in <see cref="QueueOrder"/>.</summary>
    Task<IReadOnlyList<QueuedPaper>> ListAsync(ulong guildId, CancellationToken cancellationToken);

    Task<QueuedPaper?> FindAsync(ulong guildId, string paperKey, CancellationToken cancellationToken);

    /// <summary>Adds the paper; false (and nothing stored) when the guild's queue already has its key.</summary>
    Task<bool> TryAddAsync(QueuedPaper paper, CancellationToken cancellationToken);

    Task<VoteResult> AddVoteAsync(ulong guildId, string paperKey, ulong memberId, CancellationToken cancellationToken);

    Task<VoteResult> RemoveVoteAsync(ulong guildId, string paperKey, ulong memberId, CancellationToken cancellationToken);

    Task<bool> RemoveAsync(ulong guildId, string paperKey, CancellationToken cancellationToken);

    /// <summary>Pins the paper at <paramref name="position"/> (1-based) among the pinned papers, moving the others
    /// down; clamped to the end of the pinned block. Returns the position it got, or null when not queued.</summary>
    Task<int?> PinAsync(ulong guildId, string paperKey, int position, CancellationToken cancellationToken);

    Task<bool> UnpinAsync(ulong guildId, string paperKey, CancellationToken cancellationToken);

    /// <summary>Moves a paper's history record from a skipped session to the session that will discuss it instead.
    /// False when there is no such record.</summary>
    Task<bool> MoveHistoryAsync(ulong guildId, string paperKey, string fromSessionId, string toSessionId, DateTimeOffset toStartsAt, CancellationToken cancellationToken);

    /// <summary>Puts a paper picked for a session back at the top of the queue (pinned first, the other pins move
    /// down) and removes its history record, e.g. when the session was dropped and no other session can take the
    /// paper. The queue entry is restored as it was when picked (votes, proposer, pin) where the history kept it. A paper
    /// queued again since keeps that entry and is pinned first. False when there is no such history record.</summary>
    Task<bool> ReturnToQueueAsync(ulong guildId, string paperKey, string sessionId, CancellationToken cancellationToken);

    /// <summary>Every guild's queued papers whose metadata is pending (see <see cref="QueuedPaper.PendingReason"/>).</summary>
    Task<IReadOnlyList<QueuedPaper>> ListPendingMetadataAsync(CancellationToken cancellationToken);

    /// <summary>Fills in title, authors and URL of a queued paper whose metadata was pending and clears the pending
    /// reason; votes, pin and proposer stay as they are. False when the paper is no longer queued or no longer pending.</summary>
    Task<bool> CompleteMetadataAsync(ulong guildId, string paperKey, string title, IReadOnlyList<string> authors, string? url, CancellationToken cancellationToken);

    /// <summary>Takes the top of the queue into the history for a session; null when the queue is empty. A session
    /// that already has a paper in the history gets that one again (nothing more is taken).</summary>
    Task<DiscussedPaper?> MoveTopToHistoryAsync(ulong guildId, string sessionId, DateTimeOffset sessionStartsAt, DateTimeOffset pickedAt, CancellationToken cancellationToken);

    /// <summary>Most recent first.</summary>
    Task<IReadOnlyList<DiscussedPaper>> ListHistoryAsync(ulong guildId, int limit, CancellationToken cancellationToken);
}
