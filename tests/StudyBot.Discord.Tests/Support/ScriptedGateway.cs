using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace StudyBot.Discord.Tests.Support;

/// <summary>
/// A tiny gateway on loopback that says whatever a test scripts, per connection: for Hello and READY payloads the
/// protocol-faithful fake would never send. Point the bot at it with <c>Discord:GatewayUrlOverride</c>.
/// </summary>
public sealed class ScriptedGateway : IAsyncDisposable
{
    private readonly WebApplication app;
    private int connections;

    private ScriptedGateway(WebApplication app, Uri url)
    {
        this.app = app;
        Url = url;
    }

    public Uri Url { get; }

    public int Connections => Volatile.Read(ref connections);

    /// <summary>Every frame the bot sent, with the (1-based) connection it came on.</summary>
    public ConcurrentQueue<(int Connection, JsonObject Frame)> Received { get; } = new();

    public static async Task<ScriptedGateway> StartAsync(Func<ScriptedGatewaySocket, Task> script)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.UseWebSockets();
        ScriptedGateway? gateway = null;
        app.Run(async context =>
        {
            if (!context.WebSockets.IsWebSocketRequest)
            {
                context.Response.StatusCode = StatusCodes.Status400BadRequest;
                return;
            }

            using var socket = await context.WebSockets.AcceptWebSocketAsync();
            var index = Interlocked.Increment(ref gateway!.connections);
            try
            {
                await script(new ScriptedGatewaySocket(index, socket, gateway.Received));
            }
            catch (Exception ex) when (ex is WebSocketException or OperationCanceledException)
            {
                // The bot dropped the socket: that is what several scripts provoke.
            }
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        gateway = new ScriptedGateway(app, new Uri(address.Replace("http://", "ws://", StringComparison.Ordinal)));
        return gateway;
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
