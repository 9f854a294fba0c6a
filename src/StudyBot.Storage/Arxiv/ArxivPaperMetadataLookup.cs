using StudyBot.Core.Queue;

namespace StudyBot.Storage.Arxiv;

/// <summary>The reading queue's <see cref="IPaperMetadataLookup"/> port, answered by <see cref="ArxivMetadataService"/>:
/// anything but found metadata becomes "pending" with arXiv's reason, so the paper still queues.</summary>
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
        return lookup.Metadata is { } metadata
            ? PaperMetadataResult.Success(metadata.Title, metadata.Authors, metadata.AbsUrl)
            : PaperMetadataResult.Pending(lookup.Reason ?? "arXiv metadata is not available yet");
    }
}
