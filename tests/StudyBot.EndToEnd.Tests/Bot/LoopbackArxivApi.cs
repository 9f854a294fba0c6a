using System.Collections.Concurrent;
using Microsoft.AspNetCore.Http;
using StudyBot.Storage.Tests.Arxiv;

namespace StudyBot.EndToEnd.Tests.Bot;

/// <summary>
/// A stand-in for <c>export.arxiv.org/api/query</c> on 127.0.0.1 (the Storage tests' loopback server and Atom feeds):
/// answers <c>?id_list=ID</c> with what the test registered for that id, else an empty feed.
/// </summary>
internal sealed class LoopbackArxivApi : IAsyncDisposable
{
    private readonly LoopbackArxivServer _server;
    private readonly ConcurrentDictionary<string, Func<HttpContext, Task>> _answers = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _requestedIds = new();

    private LoopbackArxivApi(LoopbackArxivServer server)
    {
        _server = server;
        _server.Respond = context =>
        {
            var id = context.Request.Query["id_list"].ToString();
            _requestedIds.Enqueue(id);
            return _answers.TryGetValue(id, out var answer) ? answer(context) : Atom(context, AtomFeeds.Empty());
        };
    }

    public Uri QueryUrl => _server.QueryUrl;

    public IReadOnlyList<string> RequestedIds => [.. _requestedIds];

    public static async Task<LoopbackArxivApi> StartAsync() => new(await LoopbackArxivServer.StartAsync());

    /// <summary>arXiv knows the paper: one Atom entry with its title, authors and abstract.</summary>
    public void Knows(string id, string title, params string[] authors) =>
        _answers[id] = context => Atom(context, AtomFeeds.Paper(id, title, authors));

    /// <summary>arXiv's plain-text answer when a client asks too often.</summary>
    public void RateLimits(string id) =>
        _answers[id] = context => LoopbackArxivServer.Reply(context, 503, "Rate exceeded.", "text/plain");

    /// <summary>The connection is dropped before any answer, as when arXiv cannot be reached.</summary>
    public void DropsConnection(string id) =>
        _answers[id] = context =>
        {
            context.Abort();
            return Task.CompletedTask;
        };

    public ValueTask DisposeAsync() => _server.DisposeAsync();

    private static Task Atom(HttpContext context, string feed) => LoopbackArxivServer.Reply(context, 200, feed, "application/atom+xml");
}
