using System.Collections.Concurrent;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using StudyBot.Discord.Commands;
using StudyBot.Discord.Gateway;
using StudyBot.Discord.Interactions;
using StudyBot.FakeDiscord;
using StudyBot.FakeDiscord.Model;

namespace StudyBot.Discord.Tests.Support;

/// <summary>A real FakeDiscord on loopback and a real host running the transport against it.</summary>
public sealed class BotHarness : IAsyncDisposable
{
    public const string Token = "MTE0NjU0.Gx7Yz.harness-secret-token-value";

    private readonly bool ownsServer;

    private BotHarness(FakeDiscordServer server, bool ownsServer, IHost host, CapturingLoggerProvider logs, FakeGuild guild, FakeChannel channel, FakeMember member, ScriptedInteractionHandler handler)
    {
        Server = server;
        this.ownsServer = ownsServer;
        Host = host;
        Logs = logs;
        Guild = guild;
        Channel = channel;
        Member = member;
        Handler = handler;
    }

    public FakeDiscordServer Server { get; }
    public IHost Host { get; }
    public CapturingLoggerProvider Logs { get; }
    public FakeGuild Guild { get; }
    public FakeChannel Channel { get; }
    public FakeMember Member { get; }
    public ScriptedInteractionHandler Handler { get; }

    public DiscordGatewayClient Gateway => Host.Services.GetRequiredService<DiscordGatewayClient>();

    /// <summary>Interaction tokens of everything sent through <see cref="SlashAsync"/>; none may reach a log line.</summary>
    public ConcurrentQueue<string> InteractionTokens { get; } = new();

    /// <param name="serverTime">The fake Discord's clock (token lifetimes, deadlines), independent of <paramref name="botTime"/>.</param>
    /// <param name="server">An already running fake to connect to (e.g. to restart a bot); the harness then leaves it running.</param>
    /// <param name="configure">Extra services for the bot's host.</param>
    /// <param name="waitForCommands">Wait for the background command registration to end before returning (tests then
    /// may send slash commands at once).</param>
    public static async Task<BotHarness> StartAsync(
        int heartbeatIntervalMs = 1500,
        DiscordMode mode = DiscordMode.Gateway,
        bool startHost = true,
        TimeProvider? botTime = null,
        int sessionStartLimit = 1000,
        IReadOnlyDictionary<string, string?>? settings = null,
        TimeProvider? serverTime = null,
        FakeDiscordServer? server = null,
        Action<IServiceCollection>? configure = null,
        bool waitForCommands = true)
    {
        var ownsServer = server is null;
        server ??= await FakeDiscordServer.StartAsync(new FakeDiscordOptions
        {
            BotToken = Token,
            HeartbeatIntervalMs = heartbeatIntervalMs,
            SessionStartLimitTotal = sessionStartLimit,
            TimeProvider = serverTime ?? TimeProvider.System,
            // A bot on a manual clock does not heartbeat in real time; the fake must not time it out.
            EnforceClientHeartbeats = botTime is null,
        });
        var guild = server.AddGuild("Paper club");
        var channel = server.AddChannel(guild.Id, "general");
        var member = server.AddMember(guild.Id, "ada");

        var logs = new CapturingLoggerProvider();
        var handler = new ScriptedInteractionHandler();
        var builder = new HostApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Discord:Token"] = Token,
            ["Discord:ApplicationId"] = server.Options.ApplicationId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Discord:GuildId"] = guild.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Discord:ApiBaseUrl"] = server.ApiBaseUrl,
            ["Discord:Mode"] = mode.ToString(),
            ["Discord:PublicKey"] = new string('a', 64),
        });
        if (settings is not null)
        {
            builder.Configuration.AddInMemoryCollection(settings);
        }

        builder.Logging.SetMinimumLevel(LogLevel.Debug).AddProvider(logs);
        if (botTime is not null)
        {
            builder.Services.AddSingleton(botTime);
        }

        builder.Services.AddDiscordTransport(builder.Configuration);
        builder.Services.AddSingleton<IInteractionHandler>(handler);
        builder.Services.AddSingleton<IApplicationCommandProvider, TestCommands>();
        configure?.Invoke(builder.Services);
        var host = builder.Build();
        if (startHost)
        {
            await host.StartAsync();
            if (waitForCommands)
            {
                await host.Services.GetRequiredService<CommandRegistrar>().Completion.WaitAsync(TimeSpan.FromSeconds(30));
            }
        }

        return new BotHarness(server, ownsServer, host, logs, guild, channel, member, handler);
    }

    public async Task<FakeInteractionHandle> SlashAsync(string command, IReadOnlyDictionary<string, object?>? options = null)
    {
        var handle = await Server.SendSlashCommandAsync(Guild.Id, Channel.Id, Member.Id, command, options);
        InteractionTokens.Enqueue(handle.Token);
        return handle;
    }

    /// <summary>Waits for READY and for the background command registration to end.</summary>
    public async Task WaitReadyAsync()
    {
        await Eventually.TrueAsync(() => Gateway.IsReady, TimeSpan.FromSeconds(30), "gateway READY");
        await Host.Services.GetRequiredService<CommandRegistrar>().Completion.WaitAsync(TimeSpan.FromSeconds(30));
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            await Host.StopAsync(stop.Token);
        }
        finally
        {
            Host.Dispose();
            if (ownsServer)
            {
                await Server.DisposeAsync();
            }
        }

        // Whatever a test did, neither the bot token nor an interaction (webhook) token may have reached a log line.
        var lines = Logs.Lines;
        Assert.DoesNotContain(lines, line => line.Contains(Token, StringComparison.Ordinal));
        foreach (var token in InteractionTokens)
        {
            Assert.DoesNotContain(lines, line => line.Contains(token, StringComparison.Ordinal));
        }
    }
}
