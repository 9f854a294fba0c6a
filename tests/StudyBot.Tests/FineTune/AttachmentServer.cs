using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace StudyBot.Tests.FineTune;

/// <summary>A loopback HTTP server standing in for Discord's attachment CDN: serves the files the test puts in.</summary>
internal sealed class AttachmentServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly Dictionary<string, byte[]> _files = new(StringComparer.Ordinal);

    private AttachmentServer(WebApplication app) => _app = app;

    public Uri BaseUrl { get; private set; } = null!;

    public static async Task<AttachmentServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var server = new AttachmentServer(app);
        app.MapGet("/attachments/{name}", async (string name, HttpContext context) =>
        {
            byte[]? content;
            lock (server._files)
            {
                server._files.TryGetValue(name, out content);
            }

            if (content is null)
            {
                context.Response.StatusCode = 404;
                return;
            }

            context.Response.ContentLength = content.Length;
            await context.Response.Body.WriteAsync(content, context.RequestAborted);
        });
        await app.StartAsync();
        server.BaseUrl = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        return server;
    }

    /// <summary>Serves <paramref name="content"/> and returns the attachment as Discord would describe it.</summary>
    public StudyBot.Core.Commands.CommandAttachment Add(string name, byte[] content, long? claimedSize = null)
    {
        lock (_files)
        {
            _files[name] = content;
        }

        return new StudyBot.Core.Commands.CommandAttachment((ulong)_files.Count, name, new Uri(BaseUrl, "/attachments/" + name).ToString(), claimedSize ?? content.Length, null);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
