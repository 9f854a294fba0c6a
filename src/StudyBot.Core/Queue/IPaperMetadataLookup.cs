namespace StudyBot.Core.Queue;

/// <summary>Finds title and authors of a paper outside the library by arXiv id (adapted from the arXiv client).
/// Failures are returned, not thrown: <see cref="PaperMetadataResult.Missing"/> when arXiv says it has no such paper,
/// <see cref="PaperMetadataResult.Pending"/> when it could not answer now.</summary>
public interface IPaperMetadataLookup
{
    Task<PaperMetadataResult> LookupAsync(string arxivId, CancellationToken cancellationToken);
}
