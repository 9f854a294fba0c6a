using LiteDB;
using StudyBot.DiscordBridge;
using StudyBot.Storage;

namespace StudyBot.Tests.DiscordBridge;

/// <summary>The session links in a real LiteDB file: two servers meeting on the same date keep their own.</summary>
public sealed class ScheduledEventLinksTests : IDisposable
{
    private const ulong GuildA = 100;
    private const ulong GuildB = 200;
    private const string Thursday = "2026-03-26";

    private readonly string _root = Directory.CreateTempSubdirectory("studybot-links-").FullName;
    private readonly StudyBotDatabase _database;

    public ScheduledEventLinksTests() => _database = new StudyBotDatabase(Path.Combine(_root, "studybot.db"));

    public void Dispose()
    {
        _database.Dispose();
        Directory.Delete(_root, recursive: true);
    }

    [Fact]
    public void Two_servers_meeting_on_the_same_date_keep_separate_links()
    {
        var links = new ScheduledEventLinks(_database);
        var a = links.FindOrNew(GuildA, Thursday);
        a.PickMessageId = 11;
        a.ScheduledEventId = 12;
        links.Save(a);

        var b = links.FindOrNew(GuildB, Thursday);
        Assert.Null(b.PickMessageId);
        Assert.Null(b.ScheduledEventId);
        b.PickMessageId = 21;
        links.Save(b);

        var reopened = new ScheduledEventLinks(_database);
        Assert.Equal((11UL, 12UL), (reopened.Find(GuildA, Thursday)!.PickMessageId, reopened.Find(GuildA, Thursday)!.ScheduledEventId));
        Assert.Equal(21UL, reopened.Find(GuildB, Thursday)!.PickMessageId);
    }

    [Fact]
    public void A_link_stored_under_the_session_id_alone_is_found_by_its_own_server_only_and_moved_to_the_new_key()
    {
        // As earlier versions stored it: the session id is the document id.
        var raw = _database.Collection<BsonDocument>("discord_session_links");
        raw.Insert(new BsonDocument { ["_id"] = Thursday, ["GuildId"] = (long)GuildA, ["PickMessageId"] = 11L, ["ThreadId"] = 13L, ["NotesChunksPosted"] = 2 });
        var links = new ScheduledEventLinks(_database);

        Assert.Null(links.Find(GuildB, Thursday));
        var adopted = links.Find(GuildA, Thursday);

        Assert.NotNull(adopted);
        Assert.Equal((11UL, 13UL, 2), (adopted.PickMessageId, adopted.ThreadId, adopted.NotesChunksPosted));
        Assert.Equal(Thursday, adopted.SessionId);
        Assert.Null(raw.FindById(Thursday));
        Assert.Equal(11UL, new ScheduledEventLinks(_database).Find(GuildA, Thursday)!.PickMessageId);
    }
}
