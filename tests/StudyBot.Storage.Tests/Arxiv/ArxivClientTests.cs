using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Time.Testing;
using StudyBot.Core.Papers;
using StudyBot.Storage.Arxiv;

namespace StudyBot.Storage.Tests.Arxiv;

public sealed class ArxivClientTests : IAsyncLifetime
{
    private LoopbackArxivServer _server = null!;
    private readonly HttpClient _http = new();

    public async Task InitializeAsync() => _server = await LoopbackArxivServer.StartAsync();

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _server.DisposeAsync();
    }

    private ArxivClient Client(TimeProvider? time = null, TimeSpan? timeout = null) => new(
        _http,
        time ?? TimeProvider.System,
        new ArxivClientOptions { BaseUrl = _server.QueryUrl, Timeout = timeout ?? TimeSpan.FromSeconds(15), MinInterval = TimeSpan.Zero });

    private void Serve(int status, string body, string contentType = "application/atom+xml") =>
        _server.Respond = context => LoopbackArxivServer.Reply(context, status, body, contentType);

    [Fact]
    public async Task An_entry_yields_title_authors_abstract_year_and_abs_link()
    {
        Serve(200, AtomFeeds.Paper());
        using var client = Client();

        var result = await client.FetchAsync(ArxivId.Parse("arXiv:1706.03762v5"));

        Assert.True(result.Succeeded, result.Message);
        var metadata = result.Metadata!;
        Assert.Equal("1706.03762", metadata.Id);
        Assert.Equal("Attention Is All You Need", metadata.Title);
        Assert.Equal(["Ashish Vaswani", "Noam Shazeer"], metadata.Authors);
        Assert.Equal(
            "The dominant sequence transduction models are based on complex recurrent or convolutional neural networks. We propose a new simple network architecture.",
            metadata.Summary);
        Assert.Equal(2017, metadata.Year);
        Assert.Equal("http://arxiv.org/abs/1706.03762v7", metadata.AbsUrl);
        Assert.Equal(["?id_list=1706.03762"], _server.Queries);
    }

    [Fact]
    public async Task Old_style_ids_are_requested_as_they_are_written()
    {
        Serve(200, AtomFeeds.Paper("cs/0112017", "v1"));
        using var client = Client();

        var result = await client.FetchAsync(ArxivId.Parse("cs/0112017"));

        Assert.True(result.Succeeded, result.Message);
        Assert.Equal(["?id_list=cs/0112017"], _server.Queries);
    }

    [Fact]
    public async Task The_apis_error_entry_is_a_clear_failure()
    {
        Serve(200, AtomFeeds.Error("2501.12345"));
        using var client = Client();

        var result = await client.FetchAsync(ArxivId.Parse("2501.12345"));

        Assert.Equal(ArxivFailureKind.ApiError, result.Failure);
        Assert.Equal("arXiv rejected the request for 2501.12345: incorrect id format for 2501.12345", result.Message);
    }

    [Fact]
    public async Task An_empty_feed_means_arxiv_has_no_such_paper()
    {
        Serve(200, AtomFeeds.Empty());
        using var client = Client();

        var result = await client.FetchAsync(ArxivId.Parse("2501.99999"));

        Assert.Equal(ArxivFailureKind.NotFound, result.Failure);
        Assert.Equal("arXiv has no paper with id 2501.99999", result.Message);
    }

    [Theory]
    [InlineData(200)]
    [InlineData(503)]
    [InlineData(429)]
    public async Task A_plain_text_rate_limit_reply_is_a_rate_limited_failure(int status)
    {
        Serve(status, "Rate exceeded.", "text/plain");
        using var client = Client();

        var result = await client.FetchAsync(ArxivId.Parse("1706.03762"));

        Assert.Equal(ArxivFailureKind.RateLimited, result.Failure);
        Assert.Contains("\"Rate exceeded.\"", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_http_error_is_a_typed_failure()
    {
        Serve(500, "<html>oops</html>", "text/html");
        using var client = Client();

        var result = await client.FetchAsync(ArxivId.Parse("1706.03762"));

        Assert.Equal(ArxivFailureKind.HttpError, result.Failure);
        Assert.Equal("arXiv answered HTTP 500 InternalServerError", result.Message);
    }

    [Theory]
    [InlineData("Service temporarily down for maintenance", "text/plain")]
    [InlineData("<html><body>not a feed</body></html>", "text/html")]
    [InlineData("<?xml version=\"1.0\"?><!DOCTYPE feed [<!ENTITY x \"y\">]><feed xmlns=\"http://www.w3.org/2005/Atom\">&x;</feed>", "application/xml")]
    public async Task A_reply_that_is_not_an_atom_feed_is_a_malformed_reply(string body, string contentType)
    {
        Serve(200, body, contentType);
        using var client = Client();

        var result = await client.FetchAsync(ArxivId.Parse("1706.03762"));

        Assert.Equal(ArxivFailureKind.MalformedReply, result.Failure);
    }

    [Fact]
    public async Task A_slow_reply_times_out_as_a_failure()
    {
        _server.Respond = async context =>
        {
            await Task.Delay(TimeSpan.FromSeconds(30), context.RequestAborted);
            await LoopbackArxivServer.Reply(context, 200, AtomFeeds.Paper(), "application/atom+xml");
        };
        using var client = Client(timeout: TimeSpan.FromMilliseconds(300));

        var result = await client.FetchAsync(ArxivId.Parse("1706.03762"));

        Assert.Equal(ArxivFailureKind.Timeout, result.Failure);
        Assert.Equal("arXiv did not answer within 0.3 s", result.Message);
    }

    [Fact]
    public async Task A_refused_connection_is_a_network_failure()
    {
        // A port bound but not listening refuses connections, and stays ours (no other test's server can get it).
        using var bound = new System.Net.Sockets.Socket(System.Net.Sockets.AddressFamily.InterNetwork, System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp);
        bound.Bind(new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, 0));
        var closedPort = new Uri($"http://127.0.0.1:{((System.Net.IPEndPoint)bound.LocalEndPoint!).Port}/api/query");
        using var client = new ArxivClient(_http, TimeProvider.System, new ArxivClientOptions { BaseUrl = closedPort });

        var result = await client.FetchAsync(ArxivId.Parse("1706.03762"));

        Assert.Equal(ArxivFailureKind.NetworkError, result.Failure);
    }

    [Fact]
    public async Task The_callers_own_cancellation_is_not_swallowed()
    {
        _server.Respond = async context => await Task.Delay(TimeSpan.FromSeconds(30), context.RequestAborted);
        using var client = Client();
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.FetchAsync(ArxivId.Parse("1706.03762"), cancel.Token));
    }

    [Fact]
    public async Task Requests_are_spaced_at_least_three_seconds_apart_on_the_time_provider()
    {
        Serve(200, AtomFeeds.Paper());
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero));
        using var client = new ArxivClient(_http, time, new ArxivClientOptions { BaseUrl = _server.QueryUrl });

        Assert.True((await client.FetchAsync(ArxivId.Parse("1706.03762"))).Succeeded);
        var second = client.FetchAsync(ArxivId.Parse("2106.09685"));
        var third = client.FetchAsync(ArxivId.Parse("2010.11929"));

        await Task.Delay(300);
        Assert.Equal(1, _server.RequestCount);
        time.Advance(TimeSpan.FromSeconds(2.9));
        await Task.Delay(300);
        Assert.Equal(1, _server.RequestCount);
        Assert.False(second.IsCompleted);

        time.Advance(TimeSpan.FromSeconds(0.1));
        await second.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(2, _server.RequestCount);
        await Task.Delay(300);
        Assert.False(third.IsCompleted, "the third request must wait for its own three seconds");

        time.Advance(TimeSpan.FromSeconds(3));
        await third.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(3, _server.RequestCount);
    }

    [Fact]
    public void Bad_options_are_refused_at_construction()
    {
        var options = new ArxivClientOptions { Timeout = TimeSpan.Zero };

        var error = Assert.Throws<ArgumentException>(() => new ArxivClient(_http, TimeProvider.System, options));
        Assert.Contains("Arxiv:Timeout", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_defaults_follow_arxivs_guidance()
    {
        var options = new ArxivClientOptions();

        Assert.Equal(new Uri("http://export.arxiv.org/api/query"), options.BaseUrl);
        Assert.Equal(TimeSpan.FromSeconds(15), options.Timeout);
        Assert.Equal(TimeSpan.FromSeconds(3), options.MinInterval);
    }
}
