using StudyBot.Core.Queue;

namespace StudyBot.Storage.Arxiv;

/// <summary>The reading queue's <see cref="IPaperMetadataLookup"/> port, answered by <see cref="ArxivMetadataService"/>:
/// arXiv's "no such paper" (empty feed or its error entry) stays not found, so the queue can refuse it; every other
/// failure (timeout, rate limit, unreachable) becomes "pending" with arXiv's reason, so the paper still queues.</summary>
public sealed class ArxivPaperMetadataLookup : IPaperMetadataLookup
{
    private readonly ArxivMetadataService _service;

    public ArxivPaperMetadataLookup(ArxivMetadataService service)
    {
        ArgumentNullException.ThrowIfNull(service);
        _service = service;
    }

    public async Task<PaperMetadataResult> LookupAsync(string arxivId, CancellationToken cancellationToken)
    {
        var lookup = await _service.GetAsync(arxivId, cancellationToken);
        return lookup switch
        {
            { Metadata: { } metadata } => PaperMetadataResult.Success(metadata.Title, metadata.Authors, metadata.AbsUrl),
            { Status: ArxivLookupStatus.NotFound or ArxivLookupStatus.InvalidId } => PaperMetadataResult.Missing(lookup.Reason ?? $"arXiv has no paper with id {arxivId}"),
            _ => PaperMetadataResult.Pending(lookup.Reason ?? "arXiv metadata is not available yet"),
        };
    }
}
