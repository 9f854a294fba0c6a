using System.Runtime.CompilerServices;
using LiteDB;
using StudyBot.Core.FineTune;

namespace StudyBot.Storage.FineTune;

/// <summary>
/// Fine-tune runs in LiteDB: one document per run with the queryable fields as columns and the whole run as JSON.
/// Every write happens under one lock per database file, so a read-change-write (<see cref="UpdateAsync"/>) is
/// atomic against every other writer in the process (the worker, cancel commands, approvals).
/// </summary>
public sealed class LiteDbFineTuneRunRepository : IFineTuneRunRepository
{
    private const string RunsName = "finetune_runs";
    private const string CountersName = "finetune_counters";
    private const string RunCounterId = "run";

    private static readonly ConditionalWeakTable<StudyBotDatabase, object> Locks = new();

    private readonly ILiteCollection<BsonDocument> _runs;
    private readonly ILiteCollection<BsonDocument> _counters;
    private readonly object _lock;

    public LiteDbFineTuneRunRepository(StudyBotDatabase database)
    {
        ArgumentNullException.ThrowIfNull(database);
        _lock = Locks.GetValue(database, _ => new object());
        _runs = database.Database.GetCollection(RunsName);
        _counters = database.Database.GetCollection(CountersName);
        _runs.EnsureIndex("state");
        _runs.EnsureIndex("guild");
        _runs.EnsureIndex("user");
        _runs.EnsureIndex("seq");
    }

    public Task<FineTuneRun> AddAsync(Func<string, FineTuneRun> create, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(create);
        lock (_lock)
        {
            var counter = _counters.FindById(RunCounterId);
            var next = counter is null ? 1 : counter["next"].AsInt64;
            string id;
            do
            {
                id = "r" + next++;
            }
            while (_runs.FindById(id) is not null);

            var run = create(id);
            if (run.Id != id)
            {
                throw new ArgumentException($"The new run must use the id it was given ({id}), not '{run.Id}'.", nameof(create));
            }

            _runs.Insert(ToDocument(run));
            _counters.Upsert(new BsonDocument { ["_id"] = RunCounterId, ["next"] = next });
            return Task.FromResult(run);
        }
    }

    public Task<FineTuneRun?> FindAsync(string runId, CancellationToken cancellationToken)
    {
        var document = _runs.FindById(Normalise(runId));
        return Task.FromResult(document is null ? null : FromDocument(document));
    }

    public Task<FineTuneRun> UpdateAsync(string runId, Func<FineTuneRun, FineTuneRun> change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        lock (_lock)
        {
            var document = _runs.FindById(Normalise(runId)) ?? throw new KeyNotFoundException($"There is no fine-tune run '{runId}'.");
            var before = FromDocument(document);
            var after = change(before);
            if (after.Id != before.Id)
            {
                throw new InvalidOperationException($"A change of run {before.Id} returned run {after.Id}.");
            }

            _runs.Update(ToDocument(after));
            return Task.FromResult(after);
        }
    }

    public Task<IReadOnlyList<FineTuneRun>> ListByStateAsync(IReadOnlyCollection<FineTuneRunState> states, CancellationToken cancellationToken)
    {
        var names = new BsonArray(states.Select(s => new BsonValue(s.ToString())));
        IReadOnlyList<FineTuneRun> runs = _runs.Find(Query.In("state", names))
            .Select(FromDocument)
            .OrderBy(r => r.RequestedAt).ThenBy(r => r.Id, StringComparer.Ordinal)
            .ToList();
        return Task.FromResult(runs);
    }

    public Task<IReadOnlyList<FineTuneRun>> ListRecentAsync(ulong guildId, int limit, CancellationToken cancellationToken)
    {
        IReadOnlyList<FineTuneRun> runs = _runs.Find(Query.EQ("guild", Snowflake(guildId)))
            .OrderByDescending(d => d["seq"].AsInt64)
            .Take(limit)
            .Select(FromDocument)
            .ToList();
        return Task.FromResult(runs);
    }

    public Task<IReadOnlyList<FineTuneRun>> ListLatestAsync(int limit, CancellationToken cancellationToken)
    {
        IReadOnlyList<FineTuneRun> runs = _runs.Find(Query.All("seq", Query.Descending), limit: limit)
            .Select(FromDocument)
            .ToList();
        return Task.FromResult(runs);
    }

    public Task<IReadOnlyList<FineTuneRun>> ListForMemberAsync(ulong guildId, ulong userId, DateTimeOffset since, CancellationToken cancellationToken)
    {
        IReadOnlyList<FineTuneRun> runs = _runs.Find(Query.And(Query.EQ("guild", Snowflake(guildId)), Query.EQ("user", Snowflake(userId))))
            .Select(FromDocument)
            .Where(r => r.RequestedAt >= since || !r.IsFinal)
            .OrderBy(r => r.RequestedAt)
            .ToList();
        return Task.FromResult(runs);
    }

    public Task<IReadOnlyList<FineTuneRun>> ListForUserAsync(ulong userId, DateTimeOffset since, CancellationToken cancellationToken)
    {
        IReadOnlyList<FineTuneRun> runs = _runs.Find(Query.EQ("user", Snowflake(userId)))
            .Select(FromDocument)
            .Where(r => r.RequestedAt >= since || !r.IsFinal)
            .OrderBy(r => r.RequestedAt)
            .ToList();
        return Task.FromResult(runs);
    }

    private static BsonDocument ToDocument(FineTuneRun run) => new()
    {
        ["_id"] = run.Id,
        ["seq"] = long.TryParse(run.Id.AsSpan(1), out var seq) ? seq : 0L,
        ["guild"] = Snowflake(run.GuildId),
        ["user"] = Snowflake(run.Requester.UserId),
        ["state"] = run.State.ToString(),
        ["json"] = FineTuneRunJson.Serialize(run),
    };

    private static FineTuneRun FromDocument(BsonDocument document) => FineTuneRunJson.Deserialize(document["json"].AsString);

    // Discord snowflakes fit in 63 bits; LiteDB has no unsigned 64-bit type.
    private static long Snowflake(ulong id) => unchecked((long)id);

    // Members type run ids by hand: accept "R12" and " r12 ".
    private static string Normalise(string runId) => runId.Trim().ToLowerInvariant();
}
