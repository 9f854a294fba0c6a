using Microsoft.Extensions.Logging.Abstractions;
using StudyBot.Core.Commands;
using StudyBot.Core.Commands.Handlers;
using StudyBot.Core.Members;
using StudyBot.Core.Queue;
using StudyBot.Storage.Queue;

namespace StudyBot.Storage.Tests.Queue;

/// <summary>The queue service and /queue handler over a real temp-file database.</summary>
internal sealed class QueueFixture : IDisposable
{
    public const ulong Guild = 500;

    public static readonly ClubMember Alice = new(1, "alice", false);
    public static readonly ClubMember Bob = new(2, "bob", false);
    public static readonly ClubMember Admin = new(9, "admin", true);

    public QueueFixture(StubMetadataLookup? lookup = null)
    {
        Lookup = lookup ?? new StubMetadataLookup(new() { ["2401.12345"] = PaperMetadataResult.Success("A Queued Paper", ["X. Author"], null) });
        Build();
    }

    public TempDatabase Db { get; } = new();

    public StubMetadataLookup Lookup { get; }

    public LiteDbReadingQueueRepository Repository { get; private set; } = null!;

    public ReadingQueueService Service { get; private set; } = null!;

    public CommandRouter Router { get; private set; } = null!;

    public void Reopen()
    {
        Db.Reopen();
        Build();
    }

    public static CommandRequest Command(string path, ClubMember member, params (string Name, CommandOptionType Type, object Value)[] options) =>
        new(
            new CommandMember(member.UserId, member.DisplayName, member.IsAdmin ? DiscordPermissions.Administrator : 0),
            Guild,
            77,
            path,
            new CommandOptionSet(options.Select(o => new CommandOptionValue(o.Name, o.Type, o.Value))));

    public async Task<string> SnapshotAsync()
    {
        var queue = await Repository.ListAsync(Guild, default);
        return string.Join(" | ", queue.Select(p => $"{p.PaperKey}:{p.Votes}:{p.PinOrder}:{p.ProposedBy}"));
    }

    public void Dispose() => Db.Dispose();

    private void Build()
    {
        Repository = new LiteDbReadingQueueRepository(Db.Database);
        var catalog = new TestCatalog();
        Service = new ReadingQueueService(Repository, catalog, Lookup, TimeProvider.System, NullLogger<ReadingQueueService>.Instance);
        Router = new CommandRouter([new QueueCommandHandler(Service, catalog)], [], NullLogger<CommandRouter>.Instance);
    }
}
