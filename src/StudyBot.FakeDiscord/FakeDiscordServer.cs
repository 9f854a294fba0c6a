using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using StudyBot.FakeDiscord.Control;
using StudyBot.FakeDiscord.Delivery;
using StudyBot.FakeDiscord.Gateway;
using StudyBot.FakeDiscord.Rest;
using StudyBot.FakeDiscord.State;

namespace StudyBot.FakeDiscord;

/// <summary>
/// A protocol-faithful Discord stand-in on 127.0.0.1: REST under <see cref="ApiBaseUrl"/>, the gateway at
/// <see cref="GatewayUrl"/>, and a control API (these methods, and HTTP under <c>/_fake/</c>) for tests and the playground.
/// </summary>
public sealed partial class FakeDiscordServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly FakeWorld _world;
    private readonly GatewayHub _hub;
    private readonly RateLimiter _limiter;
    private readonly InteractionSigner _signer;
    private readonly HttpInteractionDelivery _delivery;
    private readonly CancellationTokenSource _stopping = new();

    private FakeDiscordServer(WebApplication app, FakeWorld world, GatewayHub hub, RateLimiter limiter, InteractionSigner signer)
    {
        _app = app;
        _world = world;
        _hub = hub;
        _limiter = limiter;
        _signer = signer;
        _delivery = new HttpInteractionDelivery(world, signer);
    }

    /// <summary>Cancelled when the server is disposed, so long-polls and event streams end instead of delaying shutdown.</summary>
    internal CancellationToken Stopping => _stopping.Token;

    /// <summary>The application's Ed25519 public key (hex), as the developer portal shows it; verifies HTTP-delivered interactions.</summary>
    public string PublicKeyHex => _signer.PublicKeyHex;

    /// <summary>The <c>X-Signature-Ed25519</c> value Discord would send with <paramref name="body"/> at
    /// <paramref name="timestamp"/>, for tests that replay an old delivery or sign one by hand.</summary>
    public string SignInteraction(string timestamp, string body) => _signer.Sign(timestamp, body);

    /// <summary>
    /// Switches interaction delivery to signed HTTP POSTs to <paramref name="endpoint"/> (null: back to the gateway).
    /// With <paramref name="verify"/>, first runs the portal's check (signed PING → PONG, bad signature → 401) and keeps
    /// the old mode if it fails.
    /// </summary>
    public async Task<FakeEndpointCheck?> SetInteractionsEndpointAsync(Uri? endpoint, bool verify = true, CancellationToken ct = default)
    {
        FakeEndpointCheck? check = null;
        if (endpoint is not null && verify)
        {
            check = await _delivery.CheckAsync(endpoint, ct);
            if (!check.Accepted)
            {
                return check;
            }
        }
        lock (_world.Gate)
        {
            _world.InteractionsEndpoint = endpoint;
        }
        return check;
    }

    public FakeDiscordOptions Options => _world.Options;

    /// <summary>http://127.0.0.1:PORT</summary>
    public Uri BaseUrl { get; private set; } = null!;

    /// <summary>http://127.0.0.1:PORT/api/v10 (no trailing slash).</summary>
    public string ApiBaseUrl => BaseUrl.ToString().TrimEnd('/') + RestPipeline.Prefix;

    /// <summary>ws://127.0.0.1:PORT/gateway — what <c>GET /gateway/bot</c> returns; clients append <c>?v=10&amp;encoding=json</c>.</summary>
    public string GatewayUrl => _hub.GatewayUrl;

    public int Port => BaseUrl.Port;

    public static async Task<FakeDiscordServer> StartAsync(FakeDiscordOptions options, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ApplicationName = typeof(FakeDiscordServer).Assembly.GetName().Name });
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{options.Port}");
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = 64L * 1024 * 1024);
        builder.Services.AddRouting();
        builder.Services.Configure<HostOptions>(h => h.ShutdownTimeout = TimeSpan.FromSeconds(5));
        var app = builder.Build();

        var world = new FakeWorld(options);
        var hub = new GatewayHub(world);
        var limiter = new RateLimiter(options);
        var signer = new InteractionSigner();
        var server = new FakeDiscordServer(app, world, hub, limiter, signer);

        app.UseWebSockets(new WebSocketOptions { KeepAliveInterval = TimeSpan.Zero });
        app.UseRouting();
        var pipeline = new RestPipeline(world, limiter);
        app.Use(pipeline.InvokeAsync);
        app.Map("/gateway", hub.HandleAsync);
        RestEndpoints.Map(app, world, signer.PublicKeyHex, () =>
        {
            lock (world.Gate)
            {
                return hub.GatewayBotJson();
            }
        });
        ControlEndpoints.Map(app, server);

        await app.StartAsync(ct);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.BaseUrl = new Uri(address.Replace("localhost", "127.0.0.1", StringComparison.Ordinal));
        world.HttpBase = server.BaseUrl.ToString().TrimEnd('/');
        hub.GatewayUrl = "ws://" + server.BaseUrl.Authority + "/gateway";
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        lock (_world.Gate)
        {
            _hub.DropAll();
        }
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
        _delivery.Dispose();
        _signer.Dispose();
        _stopping.Dispose();
    }
}
