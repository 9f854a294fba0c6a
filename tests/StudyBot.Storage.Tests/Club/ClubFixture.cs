using Microsoft.Extensions.Logging.Abstractions;
using StudyBot.Core.Club;
using StudyBot.Core.Commands;
using StudyBot.Core.Commands.Handlers;
using StudyBot.Core.Members;
using StudyBot.Core.Queue;
using StudyBot.Storage.Club;
using StudyBot.Storage.Queue;
using StudyBot.Storage.Tests.Queue;

namespace StudyBot.Storage.Tests.Club;

/// <summary>Club and queue services over a real temp-file database, a hand-moved clock and a recording announcer.</summary>
internal sealed class ClubFixture : IDisposable
{
    public const ulong Guild = 700;
    public const ulong Channel = 7001;

    public static readonly ClubMember Admin = new(9, "admin", true);
    public static readonly ClubMember Alice = new(1, "alice", false);
    public static readonly ClubMember Bob = new(2, "bob", false);

    // Monday 2026-03-16 12:00 UTC; the Thursday 19:00 Berlin club then meets 2026-03-19 18:00 UTC.
    public ClubFixture() : this(new DateTimeOffset(2026, 3, 16, 12, 0, 0, TimeSpan.Zero))
    {
    }

    public ClubFixture(DateTimeOffset now)
    {
        Time = new ManualTimeProvider(now);
        Build();
    }

    public TempDatabase Db { get; } = new();

    public ManualTimeProvider Time { get; }

    public RecordingAnnouncer Announcer { get; } = new();

    public RecordingScheduleListener Listener { get; } = new();

    public LiteDbClubRepository Clubs { get; private set; } = null!;

    public LiteDbReadingQueueRepository Queue { get; private set; } = null!;

    public LiteDbClubEventLog Log { get; private set; } = null!;

    public ClubService Club { get; private set; } = null!;

    public ClubEventService Events { get; private set; } = null!;

    public ClubEventPlanner Planner { get; private set; } = null!;

    public ReadingQueueService QueueService { get; private set; } = null!;

    public CommandRouter Router { get; private set; } = null!;

    /// <summary>A bot restart: the database file is closed and opened again, every service rebuilt.</summary>
    public void Restart()
    {
        Db.Reopen();
        Build();
    }

    public Task<ClubSchedule> SetUpBerlinThursdayAsync(string? reminders = null) =>
        Club.SetupAsync(Guild, Admin, new ClubScheduleInput(Channel, "thursday", "19:00", "Europe/Berlin", 90, reminders, 5), default);

    public static CommandRequest Command(string path, ClubMember member, params (string Name, CommandOptionType Type, object Value)[] options) =>
        new(
            new CommandMember(member.UserId, member.DisplayName, member.IsAdmin ? DiscordPermissions.ManageGuild : 0),
            Guild,
            Channel,
            path,
            new CommandOptionSet(options.Select(o => new CommandOptionValue(o.Name, o.Type, o.Value))));

    public async Task<string> SnapshotAsync()
    {
        var schedule = await Clubs.GetScheduleAsync(Guild, default);
        var sessions = await Clubs.ListSessionsAsync(Guild, default);
        return $"{schedule} || {string.Join(" | ", sessions.Select(s => $"{s.SessionId}:{s.Status}:{s.PaperKey}:{s.Rsvps.Count}"))}";
    }

    public void Dispose() => Db.Dispose();

    private void Build()
    {
        Clubs = new LiteDbClubRepository(Db.Database);
        Queue = new LiteDbReadingQueueRepository(Db.Database);
        Log = new LiteDbClubEventLog(Db.Database);
        var catalog = new TestCatalog();
        Club = new ClubService(Clubs, Queue, Listener, Announcer, Time, NullLogger<ClubService>.Instance);
        Events = new ClubEventService(Clubs, Queue, Log, Announcer, Listener, Time, NullLogger<ClubEventService>.Instance);
        Planner = new ClubEventPlanner(Clubs, Log, Time);
        QueueService = new ReadingQueueService(Queue, catalog, new StubMetadataLookup(), Time, NullLogger<ReadingQueueService>.Instance);
        Router = new CommandRouter(
            [new ClubCommandHandler(Club, Queue), new QueueCommandHandler(QueueService, catalog)],
            [new RsvpComponentHandler(Club)],
            NullLogger<CommandRouter>.Instance);
    }
}
