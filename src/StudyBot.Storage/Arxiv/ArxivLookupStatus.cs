namespace StudyBot.Storage.Arxiv;

public enum ArxivLookupStatus
{
    /// <summary>Metadata is available (from the cache or just fetched).</summary>
    Found,

    /// <summary>arXiv could not be asked or did not answer usefully now; worth trying again later.</summary>
    Pending,

    /// <summary>arXiv answered that it has no such paper (empty feed or its error entry).</summary>
    NotFound,

    /// <summary>The text is not an arXiv id at all; nothing was requested.</summary>
    InvalidId,
}
