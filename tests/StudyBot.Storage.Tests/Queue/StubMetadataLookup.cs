using StudyBot.Core.Queue;

namespace StudyBot.Storage.Tests.Queue;

/// <summary>Answers arXiv look-ups from a table; ids not in it fail like an unreachable arXiv.</summary>
internal sealed class StubMetadataLookup(Dictionary<string, PaperMetadataResult>? known = null) : IPaperMetadataLookup
{
    public List<string> Asked { get; } = [];

    public Task<PaperMetadataResult> LookupAsync(string arxivId, CancellationToken cancellationToken)
    {
        Asked.Add(arxivId);
        return known is not null && known.TryGetValue(arxivId, out var result)
            ? Task.FromResult(result)
            : throw new HttpRequestException("arXiv unreachable");
    }
}
