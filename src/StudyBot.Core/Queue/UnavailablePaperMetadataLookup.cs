namespace StudyBot.Core.Queue;

/// <summary>Used until an arXiv client is wired in: every lookup is pending, so papers still queue by id.</summary>
public sealed class UnavailablePaperMetadataLookup : IPaperMetadataLookup
{
    public Task<PaperMetadataResult> LookupAsync(string arxivId, CancellationToken cancellationToken) =>
        Task.FromResult(PaperMetadataResult.Pending("arXiv lookups are not configured"));
}
