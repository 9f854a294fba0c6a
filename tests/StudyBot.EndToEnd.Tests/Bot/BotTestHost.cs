using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using StudyBot.Cli;
using StudyBot.Core.Club;
using StudyBot.FakeDiscord;
using StudyBot.FakeDiscord.Model;
using StudyBot.Hosting;
using StudyBot.Playground;

namespace StudyBot.EndToEnd.Tests.Bot;

/// <summary>
/// A fake Discord on loopback seeded like the playground (guild "Paper Club", #paper-club, Ada and Grace) and the
/// real bot connected to it over its gateway and REST, with a LiteDB file in a temp folder and the checkout's papers.
/// </summary>
public sealed class BotTestHost : IAsyncDisposable
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    private BotTestHost(FakeDiscordServer fake, string dataDirectory)
    {
        Fake = fake;
        DataDirectory = dataDirectory;
    }

    public FakeDiscordServer Fake { get; }

    private WebApplication? _bot;

    public WebApplication Bot => _bot ?? throw new InvalidOperationException("The bot is not running.");

    public string DataDirectory { get; }

    public IHostApplicationLifetime Lifetime => Bot.Services.GetRequiredService<IHostApplicationLifetime>();

    /// <summary>Configuration every test bot gets: the real papers, quiet logs, and an arXiv API on loopback that
    /// refuses connections, so no test ever asks the real arxiv.org (<see cref="QueueArxivTests"/> overrides it with a
    /// loopback server that answers).</summary>
    public static IReadOnlyList<string> CommonOverrides =>
    [
        $"--Papers:Directory={RepositoryRoot.PapersDirectory}",
        "--Arxiv:BaseUrl=http://127.0.0.1:9/api/query",
        "--Logging:LogLevel:Default=Warning",
        "--Logging:LogLevel:Microsoft=Warning",
    ];

    /// <summary>Starts the bot through <see cref="PlaygroundVerb.StartBotAsync"/>, exactly as the playground does, with
    /// the demo club on <see cref="QuietDemoClub"/>'s schedule.</summary>
    public static Task<BotTestHost> StartAsync(FakeDiscordOptions? fakeOptions = null, IEnumerable<string>? overrides = null) =>
        StartCoreAsync(fakeOptions, async host =>
            host._bot = await PlaygroundVerb.StartBotAsync(host.Fake, host.DataDirectory, [.. CommonOverrides, .. overrides ?? []], Timeout(), QuietDemoClub()));

    /// <summary>Starts the bot through <see cref="BotHost.Build"/> with the playground's settings plus
    /// <paramref name="configure"/> (extra services, a different clock, a wrong token).</summary>
    public static Task<BotTestHost> StartCustomAsync(
        Action<WebApplicationBuilder>? configure,
        FakeDiscordOptions? fakeOptions = null,
        IEnumerable<string>? overrides = null,
        string? token = null,
        bool waitUntilConnected = true) =>
        StartCoreAsync(fakeOptions, host => host.StartBotAsync(configure, overrides, token, waitUntilConnected));

    /// <summary>Starts the bot in HTTP interactions mode (<c>Discord:Mode=http</c> with the fake's public key): no
    /// gateway; returns once the commands are registered. Point the fake at <see cref="InteractionsEndpoint"/> with
    /// <see cref="FakeDiscordServer.SetInteractionsEndpointAsync"/> to have interactions delivered as signed POSTs.</summary>
    public static Task<BotTestHost> StartHttpModeAsync() =>
        StartCoreAsync(null, async host =>
        {
            await host.StartBotAsync(null, ["--Discord:Mode=http", $"--Discord:PublicKey={host.Fake.PublicKeyHex}"], token: null, waitUntilConnected: false);
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            while (host.Fake.GetRegisteredCommands(PlaygroundSeed.GuildId).Count == 0)
            {
                await Task.Delay(50, timeout.Token);
            }
        });

    /// <summary>The bot's HTTP interactions endpoint on its (randomly bound) loopback port.</summary>
    public Uri InteractionsEndpoint =>
        new(new Uri(Bot.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()), "/interactions");

    /// <summary>Stops the bot and starts a new one on the same fake and database (a process restart).</summary>
    public async Task RestartAsync(Action<WebApplicationBuilder>? configure, IEnumerable<string>? overrides = null)
    {
        await StopBotAsync();
        await Task.Run(() => StartBotAsync(configure, overrides, token: null, waitUntilConnected: true));
    }

    public Task<FakeInteractionHandle> CommandAsync(ulong memberId, string path, IReadOnlyDictionary<string, object?>? options = null) =>
        Fake.SendSlashCommandAsync(PlaygroundSeed.GuildId, PlaygroundSeed.PaperClubChannelId, memberId, path, options);

    /// <summary>Sends the command and returns what the member finally sees (the response, or its follow-up when
    /// the transport had to defer and the visibility changed).</summary>
    public async Task<Answer> AskAsync(ulong memberId, string path, IReadOnlyDictionary<string, object?>? options = null)
    {
        var handle = await CommandAsync(memberId, path, options);
        return await AnswerOfAsync(handle);
    }

    public static async Task<Answer> AnswerOfAsync(FakeInteractionHandle handle)
    {
        var callback = await handle.WaitForCallbackAsync(Patience);
        using var timeout = new CancellationTokenSource(Patience);
        while (true)
        {
            if (handle.Followups is [var followup, ..])
            {
                return new Answer(callback, followup);
            }

            if (handle.OriginalResponse is { IsLoading: false, IsDeleted: false } original)
            {
                return new Answer(callback, original);
            }

            await Task.Delay(50, timeout.Token);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopBotAsync();
        await Fake.DisposeAsync();
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open by a slow shutdown; the temp folder is cleaned by the OS eventually.
        }
    }

    private static async Task<BotTestHost> StartCoreAsync(FakeDiscordOptions? fakeOptions, Func<BotTestHost, Task> startBot)
    {
        var fake = await FakeDiscordServer.StartAsync(fakeOptions ?? new FakeDiscordOptions());
        var dataDirectory = Directory.CreateTempSubdirectory("studybot-e2e-").FullName;
        var host = new BotTestHost(fake, dataDirectory);
        try
        {
            PlaygroundSeed.Apply(fake);
            // Off xunit's synchronization context (two threads on this machine): the host's start-up must not
            // depend on a test thread being free.
            await Task.Run(() => startBot(host));
            return host;
        }
        catch
        {
            await host.DisposeAsync();
            throw;
        }
    }

    private async Task StartBotAsync(Action<WebApplicationBuilder>? configure, IEnumerable<string>? overrides, string? token, bool waitUntilConnected)
    {
        string[] settings =
        [
            $"--Discord:Token={token ?? Fake.Options.BotToken}",
            $"--Discord:ApplicationId={Fake.Options.ApplicationId.ToString(CultureInfo.InvariantCulture)}",
            $"--Discord:GuildId={PlaygroundSeed.GuildId.ToString(CultureInfo.InvariantCulture)}",
            $"--Discord:ApiBaseUrl={Fake.ApiBaseUrl}",
            $"--Discord:GatewayUrlOverride={Fake.GatewayUrl}",
            $"--Storage:DatabasePath={Path.Combine(DataDirectory, "bot.db")}",
            "--Health:Urls=http://127.0.0.1:0",
            .. CommonOverrides,
            .. overrides ?? [],
        ];
        _bot = BotHost.Build(settings, configure);
        try
        {
            await _bot.StartAsync(Timeout());
        }
        catch (OperationCanceledException) when (!waitUntilConnected && Lifetime.ApplicationStopping.IsCancellationRequested)
        {
            // The host stopped itself while still starting (a fatal Discord answer such as a wrong token can come
            // before Kestrel has bound): StartAsync then reports cancellation, and the test inspects the stop.
        }
        if (waitUntilConnected)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            while (Fake.ConnectedGatewayClients == 0 || Fake.GetRegisteredCommands(PlaygroundSeed.GuildId).Count == 0 || !IsReady())
            {
                await Task.Delay(50, timeout.Token);
            }
        }
    }

    /// <summary>
    /// The playground's demo club, moved to the weekday three days from today (Berlin time) with the pick one day
    /// before: its pick and reminders are then more than a day away whenever a test runs. With the playground's own
    /// club (Thursday, pick five days before, reminders 24 h and 1 h before) the pick or a reminder is overdue on most
    /// days and takes the top of the queue just after start, racing the papers a test queues.
    /// </summary>
    public static ClubScheduleInput QuietDemoClub()
    {
        var berlin = TimeZoneInfo.FindSystemTimeZoneById(PlaygroundVerb.DemoClub.TimeZone);
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, berlin).DateTime);
        var weekday = today.AddDays(3).DayOfWeek.ToString();
        return PlaygroundVerb.DemoClub with { Weekday = weekday, PickDaysBefore = 1 };
    }

    /// <summary>READY has been sent on the live connection (an identify was recorded).</summary>
    private bool IsReady() => Fake.Counters.Identifies + Fake.Counters.Resumes > 0;

    private async Task StopBotAsync()
    {
        if (_bot is not { } bot)
        {
            return;
        }

        _bot = null;
        await Task.Run(async () =>
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await bot.StopAsync(timeout.Token);
            await bot.DisposeAsync();
        });
    }

    private static CancellationToken Timeout() => new CancellationTokenSource(TimeSpan.FromSeconds(90)).Token;

    /// <summary>The initial callback and the message the member ends up seeing.</summary>
    public sealed record Answer(FakeInteractionCallback Callback, FakeMessage Message)
    {
        public string Content => Message.Content;

        public bool IsEphemeral => Message.IsEphemeral;

        public string EmbedTitle => Message.Embeds is [{ } first, ..] ? first["title"]?.GetValue<string>() ?? "" : "";

        public string EmbedDescription => Message.Embeds is [{ } first, ..] ? first["description"]?.GetValue<string>() ?? "" : "";

        /// <summary>Content plus every embed's text, for "mentions X" assertions.</summary>
        public string AllText => Content + "\n" + Message.Embeds.ToJsonString();
    }
}
