namespace StudyBot.Core.Queue;

/// <summary>Finds title and authors of a paper outside the library by arXiv id (adapted from the arXiv client).
/// Failures are returned as <see cref="PaperMetadataResult.Pending"/>, not thrown.</summary>
public interface IPaperMetadataLookup
{
    Task<PaperMetadataResult> LookupAsync(string arxivId, CancellationToken cancellationToken);
}
