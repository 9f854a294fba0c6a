using LiteDB;
using StudyBot.Core.Club;
using StudyBot.Storage.Queue;

namespace StudyBot.Storage.Club;

/// <summary>Handled club events, keyed by the event key. The insert is the claim: LiteDB's unique _id makes a
/// second claim of the same event fail, which is what keeps reminders from going out twice.</summary>
public sealed class LiteDbClubEventLog : IClubEventLog
{
    private readonly StudyBotDatabase _database;
    private readonly ILiteCollection<BsonDocument> _events;

    public LiteDbClubEventLog(StudyBotDatabase database)
    {
        _database = database;
        _events = database.Database.GetCollection("club_events");
    }

    public Task<bool> TryRecordAsync(string eventKey, string outcome, DateTimeOffset at, CancellationToken cancellationToken)
    {
        lock (GuildWriteLock.For(_database, "club_events", 0))
        {
            if (_events.FindById(eventKey) is not null)
            {
                return Task.FromResult(false);
            }

            _events.Insert(new BsonDocument { ["_id"] = eventKey, ["outcome"] = outcome, ["at"] = QueueDocuments.Instant(at) });
            return Task.FromResult(true);
        }
    }

    public Task<bool> IsRecordedAsync(string eventKey, CancellationToken cancellationToken) =>
        Task.FromResult(_events.FindById(eventKey) is not null);

    public Task ForgetAsync(string eventKey, CancellationToken cancellationToken)
    {
        lock (GuildWriteLock.For(_database, "club_events", 0))
        {
            _events.Delete(eventKey);
        }

        return Task.CompletedTask;
    }
}
