using LiteDB;
using StudyBot.Core.Queue;

namespace StudyBot.Storage.Queue;

/// <summary>Hand-written mapping between queue records and their stored documents.</summary>
internal static class QueueDocuments
{
    // Snowflakes fit in 63 bits; storing them as Int64 keeps them queryable (LiteDB has no unsigned type).
    public static BsonValue Snowflake(ulong value) => new BsonValue(unchecked((long)value));

    public static ulong Snowflake(BsonValue value) => unchecked((ulong)value.AsInt64);

    public static BsonDocument FromEntry(BsonValue id, QueuedPaper paper) => new()
    {
        ["_id"] = id,
        ["guild"] = Snowflake(paper.GuildId),
        ["key"] = paper.PaperKey,
        ["slug"] = paper.Slug is null ? BsonValue.Null : paper.Slug,
        ["title"] = paper.Title,
        ["authors"] = new BsonArray(paper.Authors.Select(a => new BsonValue(a))),
        ["url"] = paper.Url is null ? BsonValue.Null : paper.Url,
        ["pending"] = paper.PendingReason is null ? BsonValue.Null : paper.PendingReason,
        ["proposedBy"] = Snowflake(paper.ProposedBy),
        ["addedAt"] = paper.AddedAt.UtcTicks,
        ["voters"] = new BsonArray(paper.Voters.Select(Snowflake)),
        ["pin"] = paper.PinOrder is { } pin ? pin : BsonValue.Null,
    };

    public static QueuedPaper ToEntry(BsonDocument d) => new(
        Snowflake(d["guild"]),
        d["key"].AsString,
        NullableString(d["slug"]),
        d["title"].AsString,
        d["authors"].AsArray.Select(a => a.AsString).ToList(),
        NullableString(d["url"]),
        NullableString(d["pending"]),
        Snowflake(d["proposedBy"]),
        Instant(d["addedAt"]),
        d["voters"].AsArray.Select(Snowflake).ToList(),
        d["pin"].IsNull ? null : d["pin"].AsInt32);

    /// <param name="entry">The queue entry the paper left, kept so the paper can go back to the queue as it was.</param>
    public static BsonDocument FromHistory(DiscussedPaper paper, QueuedPaper? entry = null) => new()
    {
        ["entry"] = entry is null ? BsonValue.Null : FromEntry(BsonValue.Null, entry),
        ["_id"] = ObjectId.NewObjectId(),
        ["guild"] = Snowflake(paper.GuildId),
        ["key"] = paper.PaperKey,
        ["title"] = paper.Title,
        ["proposedBy"] = Snowflake(paper.ProposedBy),
        ["votes"] = paper.Votes,
        ["session"] = paper.SessionId,
        ["sessionStartsAt"] = paper.SessionStartsAt.UtcTicks,
        ["pickedAt"] = paper.PickedAt.UtcTicks,
    };

    public static DiscussedPaper ToHistory(BsonDocument d) => new(
        Snowflake(d["guild"]),
        d["key"].AsString,
        d["title"].AsString,
        Snowflake(d["proposedBy"]),
        d["votes"].AsInt32,
        d["session"].AsString,
        Instant(d["sessionStartsAt"]),
        Instant(d["pickedAt"]));

    /// <summary>The queue entry a history record keeps; for older records (none kept) one rebuilt from the record.</summary>
    public static QueuedPaper EntryOfHistory(BsonDocument d)
    {
        if (d.TryGetValue("entry", out var entry) && entry.IsDocument)
        {
            return ToEntry(entry.AsDocument);
        }

        var paper = ToHistory(d);
        return new QueuedPaper(paper.GuildId, paper.PaperKey, null, paper.Title, [], null, null, paper.ProposedBy, paper.PickedAt, [], null);
    }

    public static BsonValue Instant(DateTimeOffset value) => value.UtcTicks;

    public static DateTimeOffset Instant(BsonValue value) => new(value.AsInt64, TimeSpan.Zero);

    public static string? NullableString(BsonValue value) => value.IsNull ? null : value.AsString;
}
