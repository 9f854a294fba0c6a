using LiteDB;
using StudyBot.Core.Queue;

namespace StudyBot.Storage.Queue;

/// <summary>Reading queues in LiteDB: one document per queued paper (id "guild/key"), one per history entry.
/// Mapping is written out by hand so the stored shape is explicit and survives refactors of the records.</summary>
public sealed class LiteDbReadingQueueRepository : IReadingQueueRepository
{
    private const string EntriesName = "queue_entries";
    private const string HistoryName = "queue_history";

    private readonly StudyBotDatabase _database;
    private readonly ILiteCollection<BsonDocument> _entries;
    private readonly ILiteCollection<BsonDocument> _history;

    public LiteDbReadingQueueRepository(StudyBotDatabase database)
    {
        _database = database;
        _entries = database.Database.GetCollection(EntriesName);
        _history = database.Database.GetCollection(HistoryName);
        _entries.EnsureIndex("guild");
        _history.EnsureIndex("guild");
    }

    public Task<IReadOnlyList<QueuedPaper>> ListAsync(ulong guildId, CancellationToken cancellationToken) =>
        Task.FromResult(List(guildId));

    public Task<QueuedPaper?> FindAsync(ulong guildId, string paperKey, CancellationToken cancellationToken)
    {
        var document = _entries.FindById(Id(guildId, paperKey));
        return Task.FromResult(document is null ? null : QueueDocuments.ToEntry(document));
    }

    public Task<bool> TryAddAsync(QueuedPaper paper, CancellationToken cancellationToken)
    {
        lock (Lock(paper.GuildId))
        {
            var id = Id(paper.GuildId, paper.PaperKey);
            if (_entries.FindById(id) is not null)
            {
                return Task.FromResult(false);
            }

            _entries.Insert(QueueDocuments.FromEntry(id, paper));
            return Task.FromResult(true);
        }
    }

    public Task<VoteResult> AddVoteAsync(ulong guildId, string paperKey, ulong memberId, CancellationToken cancellationToken) =>
        Task.FromResult(ChangeVote(guildId, paperKey, memberId, add: true));

    public Task<VoteResult> RemoveVoteAsync(ulong guildId, string paperKey, ulong memberId, CancellationToken cancellationToken) =>
        Task.FromResult(ChangeVote(guildId, paperKey, memberId, add: false));

    public Task<bool> RemoveAsync(ulong guildId, string paperKey, CancellationToken cancellationToken)
    {
        lock (Lock(guildId))
        {
            return Task.FromResult(_entries.Delete(Id(guildId, paperKey)));
        }
    }

    public Task<int?> PinAsync(ulong guildId, string paperKey, int position, CancellationToken cancellationToken)
    {
        lock (Lock(guildId))
        {
            var queue = List(guildId);
            var target = queue.FirstOrDefault(p => p.PaperKey == paperKey);
            if (target is null)
            {
                return Task.FromResult<int?>(null);
            }

            var pinned = queue.Where(p => p.IsPinned && p.PaperKey != paperKey).ToList();
            var index = Math.Clamp(position - 1, 0, pinned.Count);
            pinned.Insert(index, target);
            WithTransaction(() =>
            {
                for (var i = 0; i < pinned.Count; i++)
                {
                    if (pinned[i].PinOrder != i + 1)
                    {
                        _entries.Update(QueueDocuments.FromEntry(Id(guildId, pinned[i].PaperKey), pinned[i] with { PinOrder = i + 1 }));
                    }
                }
            });
            return Task.FromResult<int?>(index + 1);
        }
    }

    public Task<bool> UnpinAsync(ulong guildId, string paperKey, CancellationToken cancellationToken)
    {
        lock (Lock(guildId))
        {
            var entry = Find(guildId, paperKey);
            if (entry is null)
            {
                return Task.FromResult(false);
            }

            _entries.Update(QueueDocuments.FromEntry(Id(guildId, paperKey), entry with { PinOrder = null }));
            return Task.FromResult(true);
        }
    }

    public Task<IReadOnlyList<QueuedPaper>> ListPendingMetadataAsync(CancellationToken cancellationToken)
    {
        IReadOnlyList<QueuedPaper> pending = _entries.Find(Query.Not("pending", BsonValue.Null))
            .Select(QueueDocuments.ToEntry)
            .OrderBy(p => p.AddedAt)
            .ToList();
        return Task.FromResult(pending);
    }

    public Task<bool> CompleteMetadataAsync(ulong guildId, string paperKey, string title, IReadOnlyList<string> authors, string? url, CancellationToken cancellationToken)
    {
        lock (Lock(guildId))
        {
            // Read again under the lock: votes cast since the caller listed the paper must survive the update.
            var entry = Find(guildId, paperKey);
            if (entry is not { MetadataPending: true })
            {
                return Task.FromResult(false);
            }

            var completed = entry with { Title = title, Authors = [.. authors], Url = url ?? entry.Url, PendingReason = null };
            return Task.FromResult(_entries.Update(QueueDocuments.FromEntry(Id(guildId, paperKey), completed)));
        }
    }

    public Task<DiscussedPaper?> MoveTopToHistoryAsync(ulong guildId, string sessionId, DateTimeOffset sessionStartsAt, DateTimeOffset pickedAt, CancellationToken cancellationToken)
    {
        lock (Lock(guildId))
        {
            // A paper already taken for this session (by a pick whose session was not stored after all, e.g. the bot
            // stopped in between) is that session's paper: taking another would lose the first from the queue.
            if (FindHistory(guildId, sessionId) is { } taken)
            {
                return Task.FromResult<DiscussedPaper?>(QueueDocuments.ToHistory(taken));
            }

            var queue = List(guildId);
            if (queue.Count == 0)
            {
                return Task.FromResult<DiscussedPaper?>(null);
            }

            var top = queue[0];
            var discussed = new DiscussedPaper(guildId, top.PaperKey, top.Title, top.ProposedBy, top.Votes, sessionId, sessionStartsAt, pickedAt);
            WithTransaction(() =>
            {
                _history.Insert(QueueDocuments.FromHistory(discussed, top));
                _entries.Delete(Id(guildId, top.PaperKey));
            });
            return Task.FromResult<DiscussedPaper?>(discussed);
        }
    }

    /// <summary>The history record of the paper picked for a session (that paper's, when <paramref name="paperKey"/>
    /// is given), or null.</summary>
    private BsonDocument? FindHistory(ulong guildId, string sessionId, string? paperKey = null)
    {
        var query = Query.And(Query.EQ("guild", QueueDocuments.Snowflake(guildId)), Query.EQ("session", sessionId));
        return _history.FindOne(paperKey is null ? query : Query.And(query, Query.EQ("key", paperKey)));
    }

    public Task<bool> MoveHistoryAsync(ulong guildId, string paperKey, string fromSessionId, string toSessionId, DateTimeOffset toStartsAt, CancellationToken cancellationToken)
    {
        lock (Lock(guildId))
        {
            var record = FindHistory(guildId, fromSessionId, paperKey);
            if (record is null)
            {
                return Task.FromResult(false);
            }

            record["session"] = toSessionId;
            record["sessionStartsAt"] = QueueDocuments.Instant(toStartsAt);
            return Task.FromResult(_history.Update(record));
        }
    }

    public Task<bool> ReturnToQueueAsync(ulong guildId, string paperKey, string sessionId, CancellationToken cancellationToken)
    {
        lock (Lock(guildId))
        {
            var record = FindHistory(guildId, sessionId, paperKey);
            if (record is null)
            {
                return Task.FromResult(false);
            }

            var entry = Find(guildId, paperKey) ?? QueueDocuments.EntryOfHistory(record);
            var pinned = List(guildId).Where(p => p.IsPinned && p.PaperKey != paperKey).ToList();
            WithTransaction(() =>
            {
                for (var i = 0; i < pinned.Count; i++)
                {
                    if (pinned[i].PinOrder != i + 2)
                    {
                        _entries.Update(QueueDocuments.FromEntry(Id(guildId, pinned[i].PaperKey), pinned[i] with { PinOrder = i + 2 }));
                    }
                }

                _entries.Upsert(QueueDocuments.FromEntry(Id(guildId, paperKey), entry with { PinOrder = 1 }));
                _history.Delete(record["_id"]);
            });
            return Task.FromResult(true);
        }
    }

    public Task<IReadOnlyList<DiscussedPaper>> ListHistoryAsync(ulong guildId, int limit, CancellationToken cancellationToken)
    {
        IReadOnlyList<DiscussedPaper> history = _history.Find(Query.EQ("guild", QueueDocuments.Snowflake(guildId)))
            .Select(QueueDocuments.ToHistory)
            .OrderByDescending(h => h.SessionStartsAt)
            .ThenByDescending(h => h.PickedAt)
            .Take(limit)
            .ToList();
        return Task.FromResult(history);
    }

    private VoteResult ChangeVote(ulong guildId, string paperKey, ulong memberId, bool add)
    {
        lock (Lock(guildId))
        {
            var entry = Find(guildId, paperKey);
            if (entry is null)
            {
                return new VoteResult(VoteOutcome.NotQueued, 0);
            }

            var voted = entry.Voters.Contains(memberId);
            if (voted == add)
            {
                return new VoteResult(VoteOutcome.Unchanged, entry.Votes);
            }

            var voters = add ? [.. entry.Voters, memberId] : entry.Voters.Where(v => v != memberId).ToList();
            _entries.Update(QueueDocuments.FromEntry(Id(guildId, paperKey), entry with { Voters = voters }));
            return new VoteResult(VoteOutcome.Changed, voters.Count);
        }
    }

    private IReadOnlyList<QueuedPaper> List(ulong guildId) =>
        QueueOrder.Sort(_entries.Find(Query.EQ("guild", QueueDocuments.Snowflake(guildId))).Select(QueueDocuments.ToEntry));

    private QueuedPaper? Find(ulong guildId, string paperKey)
    {
        var document = _entries.FindById(Id(guildId, paperKey));
        return document is null ? null : QueueDocuments.ToEntry(document);
    }

    private void WithTransaction(Action write)
    {
        var started = _database.Database.BeginTrans();
        try
        {
            write();
            if (started)
            {
                _database.Database.Commit();
            }
        }
        catch
        {
            if (started)
            {
                _database.Database.Rollback();
            }

            throw;
        }
    }

    private object Lock(ulong guildId) => GuildWriteLock.For(_database, EntriesName, guildId);

    private static BsonValue Id(ulong guildId, string paperKey) => $"{guildId}/{paperKey}";
}
