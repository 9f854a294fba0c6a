namespace StudyBot.Core.Queue;

/// <summary>A paper waiting in a server's reading queue.</summary>
/// <param name="PaperKey">The library id (arXiv id where one exists, else the slug) or the bare arXiv id of a paper
/// outside the library; unique per guild.</param>
/// <param name="Slug">The library slug; null for papers outside the library.</param>
/// <param name="PendingReason">Why title/authors are missing (arXiv lookup failed); null when metadata is known.</param>
/// <param name="Voters">Members who voted for it, each at most once.</param>
/// <param name="PinOrder">Position among pinned papers (lower first); null when not pinned.</param>
public sealed record QueuedPaper(
    ulong GuildId,
    string PaperKey,
    string? Slug,
    string Title,
    IReadOnlyList<string> Authors,
    string? Url,
    string? PendingReason,
    ulong ProposedBy,
    DateTimeOffset AddedAt,
    IReadOnlyList<ulong> Voters,
    int? PinOrder)
{
    public int Votes => Voters.Count;

    public bool IsPinned => PinOrder is not null;

    public bool MetadataPending => PendingReason is not null;
}
