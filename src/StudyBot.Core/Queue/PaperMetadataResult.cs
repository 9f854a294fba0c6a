namespace StudyBot.Core.Queue;

/// <summary>Title and authors of a paper found by arXiv id, or why they could not be had now.</summary>
public sealed record PaperMetadataResult(string? Title, IReadOnlyList<string> Authors, string? Url, string? PendingReason)
{
    public bool Found => PendingReason is null && Title is not null;

    public static PaperMetadataResult Success(string title, IReadOnlyList<string> authors, string? url) => new(title, authors, url, null);

    public static PaperMetadataResult Pending(string reason) => new(null, [], null, reason);
}
