using StudyBot.Core.Papers;

namespace StudyBot.Storage.Arxiv;

/// <summary>Metadata for a paper by arXiv id: from the cache when it has been fetched before, otherwise from arXiv
/// (and then cached). Never throws for arXiv's failures; they become <see cref="ArxivLookupStatus.Pending"/> or
/// <see cref="ArxivLookupStatus.NotFound"/> with a reason.</summary>
public sealed class ArxivMetadataService
{
    private readonly ArxivClient _client;
    private readonly ArxivCache _cache;
    private readonly TimeProvider _time;

    public ArxivMetadataService(ArxivClient client, ArxivCache cache, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(cache);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _client = client;
        _cache = cache;
        _time = timeProvider;
    }

    /// <param name="id">Any spelling <see cref="ArxivId.TryParse"/> accepts ("1706.03762", "arXiv:…", an abs URL).</param>
    public async Task<ArxivLookup> GetAsync(string id, CancellationToken cancellationToken = default)
    {
        if (!ArxivId.TryParse(id, out var arxivId))
        {
            return new ArxivLookup(ArxivLookupStatus.InvalidId, null, $"'{id}' is not an arXiv id (expected e.g. 1706.03762)", FromCache: false);
        }

        if (_cache.Find(arxivId) is { } cached)
        {
            return new ArxivLookup(ArxivLookupStatus.Found, cached, null, FromCache: true);
        }

        var result = await _client.FetchAsync(arxivId, cancellationToken);
        if (result.Metadata is { } metadata)
        {
            _cache.Store(metadata, _time.GetUtcNow());
            return new ArxivLookup(ArxivLookupStatus.Found, metadata, null, FromCache: false);
        }

        var status = result.Failure is ArxivFailureKind.NotFound or ArxivFailureKind.ApiError
            ? ArxivLookupStatus.NotFound
            : ArxivLookupStatus.Pending;
        return new ArxivLookup(status, null, result.Message, FromCache: false);
    }
}
