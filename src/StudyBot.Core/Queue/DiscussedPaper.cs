namespace StudyBot.Core.Queue;

/// <summary>A paper that left the queue for a session: the queue's history.</summary>
/// <param name="SessionId">The club session it was picked for.</param>
/// <param name="SessionStartsAt">When that session starts (UTC).</param>
public sealed record DiscussedPaper(
    ulong GuildId,
    string PaperKey,
    string Title,
    ulong ProposedBy,
    int Votes,
    string SessionId,
    DateTimeOffset SessionStartsAt,
    DateTimeOffset PickedAt);
