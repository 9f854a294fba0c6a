namespace StudyBot.Storage.Arxiv;

/// <summary>The outcome of one arXiv API request: metadata, or a typed failure with a message for people.</summary>
public sealed record ArxivFetchResult
{
    private ArxivFetchResult(ArxivMetadata? metadata, ArxivFailureKind? failure, string? message)
    {
        Metadata = metadata;
        Failure = failure;
        Message = message;
    }

    public ArxivMetadata? Metadata { get; }

    public ArxivFailureKind? Failure { get; }

    /// <summary>Why it failed, in a sentence fit for a Discord message; null on success.</summary>
    public string? Message { get; }

    public bool Succeeded => Metadata is not null;

    public static ArxivFetchResult Success(ArxivMetadata metadata) => new(metadata, null, null);

    public static ArxivFetchResult Failed(ArxivFailureKind kind, string message) => new(null, kind, message);
}
