using StudyBot.Core.Queue;
using StudyBot.Storage.Arxiv;

namespace StudyBot.Storage.Tests.Arxiv;

public sealed class ArxivMetadataServiceTests : IAsyncLifetime
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "studybot-arxiv-" + Guid.NewGuid().ToString("N"));
    private readonly HttpClient _http = new();
    private LoopbackArxivServer _server = null!;

    private string DatabasePath => Path.Combine(_folder, "studybot.db");

    public async Task InitializeAsync()
    {
        _server = await LoopbackArxivServer.StartAsync();
        _server.Respond = context => LoopbackArxivServer.Reply(context, 200, AtomFeeds.Paper(), "application/atom+xml");
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _server.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    private ArxivMetadataService Service(StudyBotDatabase database, ArxivClient client) =>
        new(client, new ArxivCache(database), TimeProvider.System);

    private ArxivClient Client() => new(_http, TimeProvider.System, new ArxivClientOptions { BaseUrl = _server.QueryUrl, MinInterval = TimeSpan.Zero });

    [Fact]
    public async Task A_second_lookup_is_answered_from_the_cache_without_a_request()
    {
        using var database = new StudyBotDatabase(DatabasePath);
        using var client = Client();
        var service = Service(database, client);

        var first = await service.GetAsync("1706.03762");
        var second = await service.GetAsync("https://arxiv.org/abs/1706.03762v3");

        Assert.Equal(ArxivLookupStatus.Found, first.Status);
        Assert.False(first.FromCache);
        Assert.Equal(ArxivLookupStatus.Found, second.Status);
        Assert.True(second.FromCache);
        Assert.Equal(first.Metadata!.Title, second.Metadata!.Title);
        Assert.Equal(first.Metadata.Authors, second.Metadata.Authors);
        Assert.Equal(1, _server.RequestCount);
    }

    [Fact]
    public async Task The_cache_survives_reopening_the_database_file()
    {
        using (var database = new StudyBotDatabase(DatabasePath))
        using (var client = Client())
        {
            Assert.True((await Service(database, client).GetAsync("1706.03762")).Found);
        }

        _server.Respond = context => LoopbackArxivServer.Reply(context, 503, "Rate exceeded.", "text/plain");
        using (var database = new StudyBotDatabase(DatabasePath))
        using (var client = Client())
        {
            var lookup = await Service(database, client).GetAsync("arXiv:1706.03762");

            Assert.True(lookup.FromCache);
            Assert.Equal("Attention Is All You Need", lookup.Metadata!.Title);
            Assert.Equal(2017, lookup.Metadata.Year);
            Assert.Equal("http://arxiv.org/abs/1706.03762v7", lookup.Metadata.AbsUrl);
        }

        Assert.Equal(1, _server.RequestCount);
    }

    [Fact]
    public async Task A_rate_limited_lookup_is_pending_with_the_reason_and_is_not_cached()
    {
        _server.Respond = context => LoopbackArxivServer.Reply(context, 200, "Rate exceeded.", "text/plain");
        using var database = new StudyBotDatabase(DatabasePath);
        using var client = Client();
        var service = Service(database, client);

        var pending = await service.GetAsync("2106.09685");

        Assert.Equal(ArxivLookupStatus.Pending, pending.Status);
        Assert.Null(pending.Metadata);
        Assert.Contains("limiting requests", pending.Reason, StringComparison.Ordinal);

        _server.Respond = context => LoopbackArxivServer.Reply(context, 200, AtomFeeds.Paper("2106.09685", "v2"), "application/atom+xml");
        var later = await service.GetAsync("2106.09685");
        Assert.True(later.Found);
        Assert.Equal(2, _server.RequestCount);
    }

    [Fact]
    public async Task An_unknown_paper_is_not_found_and_an_error_entry_too()
    {
        using var database = new StudyBotDatabase(DatabasePath);
        using var client = Client();
        var service = Service(database, client);

        _server.Respond = context => LoopbackArxivServer.Reply(context, 200, AtomFeeds.Empty(), "application/atom+xml");
        Assert.Equal(ArxivLookupStatus.NotFound, (await service.GetAsync("2501.99999")).Status);

        _server.Respond = context => LoopbackArxivServer.Reply(context, 200, AtomFeeds.Error("2501.99998"), "application/atom+xml");
        var error = await service.GetAsync("2501.99998");
        Assert.Equal(ArxivLookupStatus.NotFound, error.Status);
        Assert.Contains("incorrect id format", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_malformed_id_is_refused_without_asking_arxiv()
    {
        using var database = new StudyBotDatabase(DatabasePath);
        using var client = Client();

        var lookup = await Service(database, client).GetAsync("not-an-id");

        Assert.Equal(ArxivLookupStatus.InvalidId, lookup.Status);
        Assert.Equal("'not-an-id' is not an arXiv id (expected e.g. 1706.03762)", lookup.Reason);
        Assert.Equal(0, _server.RequestCount);
    }

    [Fact]
    public async Task The_queue_port_reports_arxivs_no_such_paper_as_not_found_not_pending()
    {
        using var database = new StudyBotDatabase(DatabasePath);
        using var client = Client();
        var lookup = new ArxivPaperMetadataLookup(Service(database, client));

        _server.Respond = context => LoopbackArxivServer.Reply(context, 200, AtomFeeds.Empty(), "application/atom+xml");
        var empty = await lookup.LookupAsync("2501.99999", CancellationToken.None);
        _server.Respond = context => LoopbackArxivServer.Reply(context, 200, AtomFeeds.Error("2501.99998"), "application/atom+xml");
        var error = await lookup.LookupAsync("2501.99998", CancellationToken.None);
        _server.Respond = context => LoopbackArxivServer.Reply(context, 503, "Rate exceeded.", "text/plain");
        var limited = await lookup.LookupAsync("2501.99997", CancellationToken.None);

        Assert.Equal(PaperMetadataKind.NotFound, empty.Kind);
        Assert.Null(empty.PendingReason);
        Assert.Equal("arXiv has no paper with id 2501.99999", empty.Reason);
        Assert.Equal(PaperMetadataKind.NotFound, error.Kind);
        Assert.Contains("incorrect id format", error.Reason, StringComparison.Ordinal);
        Assert.Equal(PaperMetadataKind.Pending, limited.Kind);
        Assert.Contains("limiting requests", limited.PendingReason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_queue_port_gets_metadata_or_a_pending_reason()
    {
        using var database = new StudyBotDatabase(DatabasePath);
        using var client = Client();
        var lookup = new ArxivPaperMetadataLookup(Service(database, client));

        var found = await lookup.LookupAsync("1706.03762", CancellationToken.None);
        Assert.True(found.Found);
        Assert.Equal("Attention Is All You Need", found.Title);
        Assert.Equal(["Ashish Vaswani", "Noam Shazeer"], found.Authors);

        _server.Respond = async context =>
        {
            await Task.Delay(TimeSpan.FromSeconds(30), context.RequestAborted);
        };
        using var slowClient = new ArxivClient(_http, TimeProvider.System, new ArxivClientOptions { BaseUrl = _server.QueryUrl, Timeout = TimeSpan.FromMilliseconds(200) });
        var pending = await new ArxivPaperMetadataLookup(Service(database, slowClient)).LookupAsync("2010.11929", CancellationToken.None);
        Assert.False(pending.Found);
        Assert.Equal("arXiv did not answer within 0.2 s", pending.PendingReason);
    }
}
