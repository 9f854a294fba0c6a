using LiteDB;
using StudyBot.Core.Club;
using StudyBot.Storage.Queue;

namespace StudyBot.Storage.Club;

/// <summary>Club schedules (one document per guild), sessions ("guild/date") and presenter rotas in LiteDB.</summary>
public sealed class LiteDbClubRepository : IClubRepository
{
    private readonly StudyBotDatabase _database;
    private readonly ILiteCollection<BsonDocument> _schedules;
    private readonly ILiteCollection<BsonDocument> _sessions;
    private readonly ILiteCollection<BsonDocument> _volunteers;

    public LiteDbClubRepository(StudyBotDatabase database)
    {
        _database = database;
        _schedules = database.Database.GetCollection("club_schedules");
        _sessions = database.Database.GetCollection("club_sessions");
        _volunteers = database.Database.GetCollection("club_presenters");
        _sessions.EnsureIndex("guild");
        _volunteers.EnsureIndex("guild");
    }

    public Task<ClubSchedule?> GetScheduleAsync(ulong guildId, CancellationToken cancellationToken)
    {
        var document = _schedules.FindById(QueueDocuments.Snowflake(guildId));
        return Task.FromResult(document is null ? null : ClubDocuments.ToSchedule(document));
    }

    public Task<IReadOnlyList<ClubSchedule>> ListSchedulesAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<ClubSchedule>>(_schedules.FindAll().Select(ClubDocuments.ToSchedule).ToList());

    public Task SaveScheduleAsync(ClubSchedule schedule, CancellationToken cancellationToken)
    {
        lock (Lock(schedule.GuildId))
        {
            _schedules.Upsert(ClubDocuments.FromSchedule(schedule));
        }

        return Task.CompletedTask;
    }

    public Task<ClubSession?> GetSessionAsync(ulong guildId, string sessionId, CancellationToken cancellationToken) =>
        Task.FromResult(FindSession(guildId, sessionId));

    public Task<ClubSession> EnsureSessionAsync(ClubSession planned, CancellationToken cancellationToken)
    {
        lock (Lock(planned.GuildId))
        {
            var existing = FindSession(planned.GuildId, planned.SessionId);
            if (existing is not null)
            {
                return Task.FromResult(existing);
            }

            _sessions.Insert(ClubDocuments.FromSession(planned));
            return Task.FromResult(planned);
        }
    }

    public Task SaveSessionAsync(ClubSession session, CancellationToken cancellationToken)
    {
        lock (Lock(session.GuildId))
        {
            _sessions.Upsert(ClubDocuments.FromSession(session));
        }

        return Task.CompletedTask;
    }

    public Task<ClubSession?> UpdateSessionAsync(ulong guildId, string sessionId, Func<ClubSession, ClubSession> change, CancellationToken cancellationToken)
    {
        lock (Lock(guildId))
        {
            var session = FindSession(guildId, sessionId);
            if (session is null)
            {
                return Task.FromResult<ClubSession?>(null);
            }

            var updated = change(session);
            _sessions.Update(ClubDocuments.FromSession(updated));
            return Task.FromResult<ClubSession?>(updated);
        }
    }

    public Task DeleteSessionAsync(ulong guildId, string sessionId, CancellationToken cancellationToken)
    {
        lock (Lock(guildId))
        {
            _sessions.Delete(ClubDocuments.SessionId(guildId, sessionId));
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<ClubSession>> ListSessionsAsync(ulong guildId, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<ClubSession>>(_sessions.Find(Query.EQ("guild", QueueDocuments.Snowflake(guildId)))
            .Select(ClubDocuments.ToSession)
            .OrderBy(s => s.StartsAt)
            .ToList());

    public Task<ClubSession?> SetRsvpAsync(ulong guildId, string sessionId, ulong memberId, RsvpAnswer answer, CancellationToken cancellationToken)
    {
        lock (Lock(guildId))
        {
            var session = FindSession(guildId, sessionId);
            if (session is null)
            {
                return Task.FromResult<ClubSession?>(null);
            }

            var rsvps = new Dictionary<ulong, RsvpAnswer>(session.Rsvps) { [memberId] = answer };
            var updated = session with { Rsvps = rsvps };
            _sessions.Update(ClubDocuments.FromSession(updated));
            return Task.FromResult<ClubSession?>(updated);
        }
    }

    public Task<IReadOnlyList<PresenterVolunteer>> ListVolunteersAsync(ulong guildId, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<PresenterVolunteer>>(_volunteers.Find(Query.EQ("guild", QueueDocuments.Snowflake(guildId))).Select(ClubDocuments.ToVolunteer).ToList());

    public Task<bool> AddVolunteerAsync(ulong guildId, PresenterVolunteer volunteer, CancellationToken cancellationToken)
    {
        lock (Lock(guildId))
        {
            var document = ClubDocuments.FromVolunteer(guildId, volunteer);
            if (_volunteers.FindById(document["_id"]) is not null)
            {
                return Task.FromResult(false);
            }

            _volunteers.Insert(document);
            return Task.FromResult(true);
        }
    }

    public Task<bool> RemoveVolunteerAsync(ulong guildId, ulong memberId, CancellationToken cancellationToken)
    {
        lock (Lock(guildId))
        {
            return Task.FromResult(_volunteers.Delete($"{guildId}/{memberId}"));
        }
    }

    public Task RecordPresentationAsync(ulong guildId, ulong memberId, DateTimeOffset at, CancellationToken cancellationToken)
    {
        lock (Lock(guildId))
        {
            var document = _volunteers.FindById($"{guildId}/{memberId}");
            if (document is not null)
            {
                var volunteer = ClubDocuments.ToVolunteer(document);
                _volunteers.Update(ClubDocuments.FromVolunteer(guildId, volunteer with { TimesPresented = volunteer.TimesPresented + 1, LastPresentedAt = at }));
            }
        }

        return Task.CompletedTask;
    }

    private ClubSession? FindSession(ulong guildId, string sessionId)
    {
        var document = _sessions.FindById(ClubDocuments.SessionId(guildId, sessionId));
        return document is null ? null : ClubDocuments.ToSession(document);
    }

    private object Lock(ulong guildId) => GuildWriteLock.For(_database, "club", guildId);
}
