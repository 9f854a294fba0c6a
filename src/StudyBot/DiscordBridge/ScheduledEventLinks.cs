using LiteDB;
using StudyBot.Storage;

namespace StudyBot.DiscordBridge;

/// <summary>Which Discord scheduled event and discussion thread belong to which club session (so a restart keeps
/// editing the same event instead of creating another). Keyed by server and session: two servers meeting on the same
/// date have sessions with the same id.</summary>
public sealed class ScheduledEventLinks(StudyBotDatabase database)
{
    private readonly ILiteCollection<SessionLink> _links = database.Collection<SessionLink>("discord_session_links");

    /// <summary>The server's link for the session; null when there is none yet.</summary>
    public SessionLink? Find(ulong guildId, string sessionId) =>
        _links.FindById(SessionLink.KeyOf(guildId, sessionId)) ?? AdoptLegacy(guildId, sessionId);

    /// <summary>The server's link for the session, or a new one (not stored until <see cref="Save"/>).</summary>
    public SessionLink FindOrNew(ulong guildId, string sessionId) =>
        Find(guildId, sessionId) ?? new SessionLink { Key = SessionLink.KeyOf(guildId, sessionId), GuildId = guildId, SessionId = sessionId };

    public void Save(SessionLink link) => _links.Upsert(link);

    /// <summary>Links stored before they were keyed by server were keyed by the session id alone: such a link of this
    /// server is moved to its new key.</summary>
    private SessionLink? AdoptLegacy(ulong guildId, string sessionId)
    {
        var legacy = _links.FindById(sessionId);
        if (legacy is null || legacy.GuildId != guildId)
        {
            return null;
        }

        legacy.Key = SessionLink.KeyOf(guildId, sessionId);
        legacy.SessionId = sessionId;
        _links.Upsert(legacy);
        _links.Delete(sessionId);
        return legacy;
    }

    public sealed class SessionLink
    {
        /// <summary>"{guild id}/{session id}".</summary>
        [BsonId]
        public string Key { get; set; } = "";

        public string SessionId { get; set; } = "";

        public ulong GuildId { get; set; }

        public ulong? ScheduledEventId { get; set; }

        /// <summary>The scheduled event's last known status (1 scheduled, 2 active, 3 completed, 4 canceled; 0 when
        /// not recorded, as in links stored before the status was kept).</summary>
        public int ScheduledEventStatus { get; set; }

        /// <summary>The "next session" message of the pick, once posted.</summary>
        public ulong? PickMessageId { get; set; }

        /// <summary>The "starts now" message, once posted.</summary>
        public ulong? OpeningMessageId { get; set; }

        /// <summary>The discussion thread, or the club's channel where no thread could be opened.</summary>
        public ulong? ThreadId { get; set; }

        /// <summary>How many chunks of the summary and questions were posted so far.</summary>
        public int NotesChunksPosted { get; set; }

        public static string KeyOf(ulong guildId, string sessionId) => $"{guildId}/{sessionId}";
    }
}
