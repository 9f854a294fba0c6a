namespace StudyBot.Storage.Arxiv;

/// <summary>LiteDB shape of a cached <see cref="ArxivMetadata"/>, keyed by the normalised arXiv id.</summary>
internal sealed class ArxivCacheDocument
{
    public string Id { get; set; } = string.Empty;

    public string Title { get; set; } = string.Empty;

    public List<string> Authors { get; set; } = [];

    public string Summary { get; set; } = string.Empty;

    public int Year { get; set; }

    public string AbsUrl { get; set; } = string.Empty;

    public DateTime FetchedAtUtc { get; set; }
}
