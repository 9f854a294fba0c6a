namespace StudyBot.Storage.Arxiv;

/// <summary>The answer of <see cref="ArxivMetadataService.GetAsync"/>: metadata, or why there is none yet.</summary>
/// <param name="Reason">For every status but <see cref="ArxivLookupStatus.Found"/>: a sentence to show members.</param>
/// <param name="FromCache">True when the metadata came from the database without asking arXiv.</param>
public sealed record ArxivLookup(ArxivLookupStatus Status, ArxivMetadata? Metadata, string? Reason, bool FromCache)
{
    public bool Found => Status == ArxivLookupStatus.Found;
}
