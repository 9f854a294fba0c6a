using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace StudyBot.Storage.Tests.FineTune;

/// <summary>A real HTTP server on 127.0.0.1 standing in for Discord's attachment CDN.</summary>
internal sealed class LoopbackFileServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private LoopbackFileServer(WebApplication app) => _app = app;

    public Uri BaseUrl { get; private set; } = null!;

    public static async Task<LoopbackFileServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();

        // /bytes/N: N bytes with Content-Length; /stream/N: N bytes chunked (no length announced); else 404.
        app.MapGet("/bytes/{size:int}", async (int size, HttpContext context) =>
        {
            context.Response.ContentLength = size;
            await context.Response.Body.WriteAsync(Enumerable.Repeat((byte)'a', size).ToArray(), context.RequestAborted);
        });
        app.MapGet("/stream/{size:int}", async (int size, HttpContext context) =>
        {
            for (var sent = 0; sent < size; sent += 1000)
            {
                await context.Response.Body.WriteAsync(Enumerable.Repeat((byte)'b', Math.Min(1000, size - sent)).ToArray(), context.RequestAborted);
                await context.Response.Body.FlushAsync(context.RequestAborted);
            }
        });
        await app.StartAsync();
        var server = new LoopbackFileServer(app);
        server.BaseUrl = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        return server;
    }

    public Uri Url(string path) => new(BaseUrl, path);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
