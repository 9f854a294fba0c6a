using StudyBot.Core.Papers;

namespace StudyBot.Storage.Arxiv;

/// <summary>arXiv metadata already fetched, in the bot's database (collection <c>arxiv_cache</c>), so each paper
/// is asked for once.</summary>
public sealed class ArxivCache
{
    public const string CollectionName = "arxiv_cache";

    private readonly StudyBotDatabase _database;

    public ArxivCache(StudyBotDatabase database)
    {
        ArgumentNullException.ThrowIfNull(database);
        _database = database;
    }

    public ArxivMetadata? Find(ArxivId id)
    {
        var document = _database.Collection<ArxivCacheDocument>(CollectionName).FindById(id.Value);
        return document is null
            ? null
            : new ArxivMetadata(document.Id, document.Title, document.Authors, document.Summary, document.Year, document.AbsUrl);
    }

    public void Store(ArxivMetadata metadata, DateTimeOffset fetchedAt)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        _database.Collection<ArxivCacheDocument>(CollectionName).Upsert(new ArxivCacheDocument
        {
            Id = metadata.Id,
            Title = metadata.Title,
            Authors = [.. metadata.Authors],
            Summary = metadata.Summary,
            Year = metadata.Year,
            AbsUrl = metadata.AbsUrl,
            FetchedAtUtc = fetchedAt.UtcDateTime,
        });
    }
}
