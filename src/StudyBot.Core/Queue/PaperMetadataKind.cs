namespace StudyBot.Core.Queue;

/// <summary>What an arXiv lookup for the reading queue came to.</summary>
public enum PaperMetadataKind
{
    /// <summary>Title and authors are known.</summary>
    Found,

    /// <summary>arXiv could not say now (timeout, rate limit, unreachable); the paper queues by id and is asked for again later.</summary>
    Pending,

    /// <summary>arXiv answered that it has no paper with the id; the paper is not queued.</summary>
    NotFound,
}
