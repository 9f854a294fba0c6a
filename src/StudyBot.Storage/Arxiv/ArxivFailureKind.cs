namespace StudyBot.Storage.Arxiv;

/// <summary>Why a request to the arXiv API gave no metadata.</summary>
public enum ArxivFailureKind
{
    /// <summary>The feed had no entry for the id: arXiv has no such paper.</summary>
    NotFound,

    /// <summary>arXiv answered with its error entry (e.g. a malformed id).</summary>
    ApiError,

    /// <summary>arXiv said "Rate exceeded." or answered 429/503.</summary>
    RateLimited,

    /// <summary>No complete answer within the configured timeout.</summary>
    Timeout,

    /// <summary>Any other non-success HTTP status.</summary>
    HttpError,

    /// <summary>The connection failed (DNS, refused, reset).</summary>
    NetworkError,

    /// <summary>A success status, but the body was not a usable Atom feed.</summary>
    MalformedReply,
}
