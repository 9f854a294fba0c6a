using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using StudyBot.FakeDiscord;

namespace StudyBot.Playground;

/// <summary>
/// Serves the playground page on 127.0.0.1: a Discord-like text channel driven through a <see cref="FakeDiscordServer"/>
/// (slash commands, autocomplete, buttons, selects and modals go to the bot as real interactions; what the bot posts
/// comes back live over server-sent events).
/// </summary>
public sealed class PlaygroundHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private PlaygroundHost(WebApplication app, FakeDiscordServer fake, Uri url)
    {
        _app = app;
        Fake = fake;
        Url = url;
    }

    /// <summary>The page, e.g. http://127.0.0.1:5080/</summary>
    public Uri Url { get; }

    public FakeDiscordServer Fake { get; }

    /// <summary>Starts the page over an already started fake; the page shows its first guild with channels, or the
    /// <see cref="PlaygroundSeed"/> guild when present. Does not seed and does not print.</summary>
    public static async Task<PlaygroundHost> StartAsync(PlaygroundOptions options, FakeDiscordServer fake, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(fake);
        options.Validate();

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ApplicationName = typeof(PlaygroundHost).Assembly.GetName().Name });
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{options.Port}");
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = fake.Options.MaxFileSizeBytes + 1024 * 1024);
        builder.Services.AddRouting();
        var app = builder.Build();

        var api = new PlaygroundApi(fake, options);
        PlaygroundEndpoints.Map(app, api);
        PlaygroundAssets.Map(app);

        await app.StartAsync(ct);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var url = new Uri(address.Replace("localhost", "127.0.0.1", StringComparison.Ordinal).TrimEnd('/') + "/");
        return new PlaygroundHost(app, fake, url);
    }

    /// <summary>
    /// The <c>playground</c> verb: starts a fake Discord, seeds it (<see cref="PlaygroundSeed"/>), serves the page, prints
    /// its URL, then calls <paramref name="startBotAsync"/> so the caller can connect the real bot to the fake (it should
    /// return once the bot is connected), and runs until <paramref name="ct"/> is cancelled.
    /// </summary>
    public static async Task RunAsync(PlaygroundOptions options, Func<FakeDiscordServer, CancellationToken, Task> startBotAsync,
        CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(startBotAsync);
        options.Validate();

        await using var fake = await FakeDiscordServer.StartAsync(new FakeDiscordOptions { Port = options.FakeDiscordPort }, ct);
        PlaygroundSeed.Apply(fake);
        await using var host = await StartAsync(options, fake, ct);
        await options.Output.WriteLineAsync($"Fake Discord listening on {fake.BaseUrl} (REST {fake.ApiBaseUrl}, gateway {fake.GatewayUrl}).");
        await options.Output.WriteLineAsync($"Playground: {host.Url}");
        await options.Output.WriteLineAsync("Starting the bot against the fake Discord...");
        await startBotAsync(fake, ct);
        await options.Output.WriteLineAsync($"Bot connected. Open {host.Url} in a browser; press Ctrl+C to stop.");
        try
        {
            await Task.Delay(Timeout.Infinite, ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Ctrl+C: fall through to the orderly shutdown of page and fake.
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
    }
}
