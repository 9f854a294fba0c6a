using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace StudyBot.EndToEnd.Tests.Bot;

/// <summary>
/// A stand-in for <c>export.arxiv.org/api/query</c> on 127.0.0.1: answers <c>?id_list=ID</c> with what the test
/// registered for that id (an Atom entry in the shape the arXiv API documents, or a failure), else an empty feed.
/// The same recorded format as the Storage tests' arXiv fixtures, trimmed to what the bot reads.
/// </summary>
internal sealed class LoopbackArxivApi : IAsyncDisposable
{
    private const string Head = """
        <?xml version="1.0" encoding="UTF-8"?>
        <feed xmlns="http://www.w3.org/2005/Atom" xmlns:opensearch="http://a9.com/-/spec/opensearch/1.1/" xmlns:arxiv="http://arxiv.org/schemas/atom">
          <link href="http://arxiv.org/api/query?id_list=x" rel="self" type="application/atom+xml"/>
          <title type="html">ArXiv Query: id_list=x</title>
          <id>http://arxiv.org/api/fixture</id>
          <updated>2026-11-23T00:00:00-05:00</updated>
        """;

    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, Func<HttpContext, Task>> _answers = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _requestedIds = new();

    private LoopbackArxivApi(WebApplication app) => _app = app;

    public Uri QueryUrl { get; private set; } = null!;

    public IReadOnlyList<string> RequestedIds => [.. _requestedIds];

    public static async Task<LoopbackArxivApi> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var api = new LoopbackArxivApi(app);
        app.MapGet("/api/query", context =>
        {
            var id = context.Request.Query["id_list"].ToString();
            api._requestedIds.Enqueue(id);
            return api._answers.TryGetValue(id, out var answer) ? answer(context) : Reply(context, 200, Empty(), "application/atom+xml");
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        api.QueryUrl = new Uri(new Uri(address), "/api/query");
        return api;
    }

    /// <summary>arXiv knows the paper: one Atom entry with its title, authors and abstract.</summary>
    public void Knows(string id, string title, params string[] authors) =>
        _answers[id] = context => Reply(context, 200, Paper(id, title, authors), "application/atom+xml");

    /// <summary>arXiv's plain-text answer when a client asks too often.</summary>
    public void RateLimits(string id) =>
        _answers[id] = context => Reply(context, 503, "Rate exceeded.", "text/plain");

    /// <summary>The connection is dropped before any answer, as when arXiv cannot be reached.</summary>
    public void DropsConnection(string id) =>
        _answers[id] = context =>
        {
            context.Abort();
            return Task.CompletedTask;
        };

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private static async Task Reply(HttpContext context, int status, string body, string contentType)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = contentType;
        await context.Response.WriteAsync(body, context.RequestAborted);
    }

    private static string Paper(string id, string title, string[] authors) => Head + $"""
          <opensearch:totalResults>1</opensearch:totalResults>
          <opensearch:startIndex>0</opensearch:startIndex>
          <opensearch:itemsPerPage>10</opensearch:itemsPerPage>
          <entry>
            <id>http://arxiv.org/abs/{id}v2</id>
            <updated>2023-07-19T17:08:59Z</updated>
            <published>2023-07-18T14:31:57Z</published>
            <title>{title}</title>
            <summary>  A summary written for this test.
            </summary>
            {string.Concat(authors.Select(a => $"<author><name>{a}</name></author>"))}
            <link href="http://arxiv.org/abs/{id}v2" rel="alternate" type="text/html"/>
            <link title="pdf" href="http://arxiv.org/pdf/{id}v2" rel="related" type="application/pdf"/>
            <arxiv:primary_category term="cs.CL" scheme="http://arxiv.org/schemas/atom"/>
            <category term="cs.CL" scheme="http://arxiv.org/schemas/atom"/>
          </entry>
        </feed>
        """;

    private static string Empty() => Head + """
          <opensearch:totalResults>0</opensearch:totalResults>
          <opensearch:startIndex>0</opensearch:startIndex>
          <opensearch:itemsPerPage>10</opensearch:itemsPerPage>
        </feed>
        """;
}
