using LiteDB;
using StudyBot.Storage;

namespace StudyBot.DiscordBridge;

/// <summary>Which Discord scheduled event and discussion thread belong to which club session (so a restart keeps
/// editing the same event instead of creating another).</summary>
public sealed class ScheduledEventLinks(StudyBotDatabase database)
{
    private readonly ILiteCollection<SessionLink> _links = database.Collection<SessionLink>("discord_session_links");

    public SessionLink? Find(string sessionId) => _links.FindById(sessionId);

    public void Save(SessionLink link) => _links.Upsert(link);

    public sealed class SessionLink
    {
        [BsonId]
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
    }
}
