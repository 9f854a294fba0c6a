using Microsoft.Extensions.Logging.Abstractions;
using StudyBot.Core.Commands;
using StudyBot.Core.Commands.Handlers;
using StudyBot.Core.Queue;
using StudyBot.Storage.Arxiv;
using StudyBot.Storage.Queue;
using StudyBot.Storage.Tests.Arxiv;

namespace StudyBot.Storage.Tests.Queue;

/// <summary>
/// The reading queue with the real arXiv adapter (client, cache, metadata service) over a real LiteDB file, against a
/// loopback stand-in for the arXiv API: unknown ids are refused, unreachable arXiv queues by id with metadata pending,
/// and pending entries are completed once arXiv answers again.
/// </summary>
public sealed class QueueArxivLookupTests : IAsyncLifetime
{
    private const ulong Guild = QueueFixture.Guild;

    private readonly TempDatabase _db = new();
    private readonly HttpClient _http = new();
    private LoopbackArxivServer _server = null!;
    private ArxivClient _client = null!;
    private LiteDbReadingQueueRepository _repository = null!;
    private ReadingQueueService _service = null!;
    private CommandRouter _router = null!;

    public async Task InitializeAsync()
    {
        _server = await LoopbackArxivServer.StartAsync();
        _client = new ArxivClient(_http, TimeProvider.System, new ArxivClientOptions { BaseUrl = _server.QueryUrl, MinInterval = TimeSpan.Zero });
        Build();
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        _http.Dispose();
        await _server.DisposeAsync();
        _db.Dispose();
    }

    [Fact]
    public async Task Arxiv_id_arxiv_has_no_paper_for_is_refused_and_the_queue_is_unchanged()
    {
        await _service.AddAsync(Guild, QueueFixture.Alice, "lora", default);
        var before = await SnapshotAsync();
        _server.Respond = context => LoopbackArxivServer.Reply(context, 200, AtomFeeds.Empty(), "application/atom+xml");

        var response = await _router.HandleCommandAsync(QueueFixture.Command("queue add", QueueFixture.Bob, ("paper", CommandOptionType.String, "2501.99999")), default);

        Assert.True(response.Ephemeral);
        Assert.Contains("arXiv has no paper with id `2501.99999`; check the id.", response.Content, StringComparison.Ordinal);
        Assert.Equal(1, _server.RequestCount);
        Assert.Equal(before, await SnapshotAsync());
        Assert.Null(await _repository.FindAsync(Guild, "2501.99999", default));
    }

    [Fact]
    public async Task Arxiv_id_answered_with_the_apis_error_entry_is_refused()
    {
        _server.Respond = context => LoopbackArxivServer.Reply(context, 200, AtomFeeds.Error("2501.99998"), "application/atom+xml");

        var refused = await Assert.ThrowsAsync<QueueRuleException>(() => _service.AddAsync(Guild, QueueFixture.Alice, "2501.99998", default));

        Assert.Equal("arXiv has no paper with id `2501.99998`; check the id.", refused.Message);
        Assert.Empty(await _service.ListAsync(Guild, default));
    }

    [Fact]
    public async Task Rate_limited_arxiv_still_queues_the_paper_by_its_id_with_metadata_pending()
    {
        _server.Respond = context => LoopbackArxivServer.Reply(context, 503, "Rate exceeded.", "text/plain");

        var added = await _service.AddAsync(Guild, QueueFixture.Alice, "2307.09288", default);

        Assert.True(added.MetadataPending);
        Assert.Equal("arXiv:2307.09288", added.Title);
        Assert.Contains("limiting requests", added.PendingReason, StringComparison.Ordinal);
        Assert.True((await _repository.FindAsync(Guild, "2307.09288", default))!.MetadataPending);
    }

    [Fact]
    public async Task Pending_entry_gets_its_title_once_arxiv_recovers_and_keeps_its_votes_and_pin()
    {
        _server.Respond = context => LoopbackArxivServer.Reply(context, 503, "Rate exceeded.", "text/plain");
        await _service.AddAsync(Guild, QueueFixture.Alice, "2307.09288", default);
        await _service.AddAsync(Guild, QueueFixture.Alice, "lora", default);
        await _service.VoteAsync(Guild, QueueFixture.Bob, "2307.09288", default);
        await _service.VoteAsync(Guild, QueueFixture.Admin, "2307.09288", default);
        await _service.PinAsync(Guild, QueueFixture.Admin, "2307.09288", default);

        var stillDown = await _service.CompletePendingAsync(default);

        Assert.Equal(new PendingMetadataSweep(1, 0, 0), stillDown);
        Assert.True((await _repository.FindAsync(Guild, "2307.09288", default))!.MetadataPending);

        const string Title = "Llama 2: Open Foundation and Fine-Tuned Chat Models";
        _server.Respond = context => LoopbackArxivServer.Reply(context, 200, AtomFeeds.Paper("2307.09288", Title, ["Hugo Touvron", "Louis Martin"]), "application/atom+xml");

        var recovered = await _service.CompletePendingAsync(default);

        Assert.Equal(new PendingMetadataSweep(1, 1, 0), recovered);
        Reopen();
        var entry = (await _repository.FindAsync(Guild, "2307.09288", default))!;
        Assert.False(entry.MetadataPending);
        Assert.Equal(Title, entry.Title);
        Assert.Equal(["Hugo Touvron", "Louis Martin"], entry.Authors);
        Assert.Equal("http://arxiv.org/abs/2307.09288v2", entry.Url);
        Assert.Equal([QueueFixture.Bob.UserId, QueueFixture.Admin.UserId], entry.Voters);
        Assert.Equal(1, entry.PinOrder);
        Assert.Equal(QueueFixture.Alice.UserId, entry.ProposedBy);
        Assert.Equal(TestCatalog.Lora.Title, (await _repository.FindAsync(Guild, "2106.09685", default))!.Title);

        var requests = _server.RequestCount;
        Assert.Equal(new PendingMetadataSweep(0, 0, 0), await _service.CompletePendingAsync(default));
        Assert.Equal(requests, _server.RequestCount);
    }

    [Fact]
    public async Task One_pass_completes_the_same_paper_in_every_server_with_one_request()
    {
        _server.Respond = context => LoopbackArxivServer.Reply(context, 503, "Rate exceeded.", "text/plain");
        await _service.AddAsync(Guild, QueueFixture.Alice, "2307.09288", default);
        await _service.AddAsync(Guild + 1, QueueFixture.Bob, "2307.09288", default);
        _server.Respond = context => LoopbackArxivServer.Reply(context, 200, AtomFeeds.Paper("2307.09288", "Llama 2", ["Hugo Touvron"]), "application/atom+xml");
        var requests = _server.RequestCount;

        var sweep = await _service.CompletePendingAsync(default);

        Assert.Equal(new PendingMetadataSweep(2, 2, 0), sweep);
        Assert.Equal(requests + 1, _server.RequestCount);
        Assert.Equal("Llama 2", (await _repository.FindAsync(Guild, "2307.09288", default))!.Title);
        Assert.Equal("Llama 2", (await _repository.FindAsync(Guild + 1, "2307.09288", default))!.Title);
    }

    private void Reopen()
    {
        _db.Reopen();
        Build();
    }

    private void Build()
    {
        _repository = new LiteDbReadingQueueRepository(_db.Database);
        var metadata = new ArxivMetadataService(_client, new ArxivCache(_db.Database), TimeProvider.System);
        var catalog = new TestCatalog();
        _service = new ReadingQueueService(_repository, catalog, new ArxivPaperMetadataLookup(metadata), TimeProvider.System, NullLogger<ReadingQueueService>.Instance);
        _router = new CommandRouter([new QueueCommandHandler(_service, catalog)], [], NullLogger<CommandRouter>.Instance);
    }

    private async Task<string> SnapshotAsync()
    {
        var queue = await _repository.ListAsync(Guild, default);
        return string.Join(" | ", queue.Select(p => $"{p.PaperKey}:{p.Votes}:{p.PinOrder}:{p.ProposedBy}:{p.Title}"));
    }
}
