using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace StudyBot.Storage.Tests.Arxiv;

/// <summary>A real HTTP server on 127.0.0.1 that answers /api/query the way the test says, and records requests.</summary>
internal sealed class LoopbackArxivServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<string> _queries = new();

    private LoopbackArxivServer(WebApplication app) => _app = app;

    public Func<HttpContext, Task> Respond { get; set; } = context => Reply(context, 200, AtomFeeds.Empty(), "application/atom+xml");

    public Uri QueryUrl { get; private set; } = null!;

    public IReadOnlyList<string> Queries => [.. _queries];

    public int RequestCount => _queries.Count;

    public static async Task<LoopbackArxivServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var server = new LoopbackArxivServer(app);
        app.MapGet("/api/query", context =>
        {
            server._queries.Enqueue(context.Request.QueryString.Value ?? string.Empty);
            return server.Respond(context);
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.QueryUrl = new Uri(new Uri(address), "/api/query");
        return server;
    }

    public static async Task Reply(HttpContext context, int status, string body, string contentType)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = contentType;
        await context.Response.WriteAsync(body, context.RequestAborted);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
