namespace StudyBot.Core.Queue;

/// <summary>Title and authors of a paper found by arXiv id, or why they could not be had.</summary>
/// <param name="Reason">For <see cref="PaperMetadataKind.Pending"/> and <see cref="PaperMetadataKind.NotFound"/>:
/// arXiv's answer in a sentence; null when found.</param>
public sealed record PaperMetadataResult(PaperMetadataKind Kind, string? Title, IReadOnlyList<string> Authors, string? Url, string? Reason)
{
    public bool Found => Kind == PaperMetadataKind.Found && Title is not null;

    public bool NotFound => Kind == PaperMetadataKind.NotFound;

    /// <summary>Why title/authors are not known yet; null unless the lookup is <see cref="PaperMetadataKind.Pending"/>.</summary>
    public string? PendingReason => Kind == PaperMetadataKind.Pending ? Reason : null;

    public static PaperMetadataResult Success(string title, IReadOnlyList<string> authors, string? url) => new(PaperMetadataKind.Found, title, authors, url, null);

    public static PaperMetadataResult Pending(string reason) => new(PaperMetadataKind.Pending, null, [], null, reason);

    public static PaperMetadataResult Missing(string reason) => new(PaperMetadataKind.NotFound, null, [], null, reason);
}
