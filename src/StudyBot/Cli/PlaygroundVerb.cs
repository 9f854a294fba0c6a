using System.Globalization;
using Microsoft.Extensions.Options;
using StudyBot.Core.Club;
using StudyBot.Core.Members;
using StudyBot.FakeDiscord;
using StudyBot.Hosting;
using StudyBot.Playground;
using StudyBot.Training.Models;

namespace StudyBot.Cli;

/// <summary>
/// The offline playground: a fake Discord on loopback, the real bot connected to it over its gateway and REST
/// exactly as to Discord, and a web page that behaves like a Discord channel.
/// </summary>
public sealed class PlaygroundVerb : ICliVerb
{
    private const string TinyModelName = "tiny-gpt2";
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(60);

    public string Name => "playground";

    public string Summary => "Try the bot offline: a fake Discord, the real bot, and a channel-like web page (default port 5080).";

    public string Usage => "[--port 5080] [--data DIR] [config overrides as --Section:Key=value]";

    public async Task<int> RunAsync(CliArguments arguments, CliConsole console, CancellationToken cancellationToken)
    {
        var port = arguments.IntOption("port", 0, 65535) ?? PlaygroundOptions.DefaultPort;
        var dataDirectory = Path.GetFullPath(arguments.Option("data") ?? "data");
        var overrides = ConfigurationOverrides.From(arguments);
        WebApplication? bot = null;
        try
        {
            await PlaygroundHost.RunAsync(
                new PlaygroundOptions { Port = port, Output = console.Out },
                async (fake, ct) => bot = await StartBotAsync(fake, dataDirectory, overrides, ct),
                cancellationToken);
            return 0;
        }
        catch (PlaygroundStartException e)
        {
            await console.Error.WriteLineAsync($"studybot {Name}: {e.Message}");
            return 1;
        }
        catch (OptionsValidationException e)
        {
            return await InvalidConfigurationAsync(console, [e]);
        }
        catch (AggregateException e) when (e.InnerExceptions.All(x => x is OptionsValidationException))
        {
            return await InvalidConfigurationAsync(console, e.InnerExceptions.Cast<OptionsValidationException>());
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Ctrl+C while the bot was still starting.
            return 0;
        }
        finally
        {
            if (bot is not null)
            {
                await bot.StopAsync(CancellationToken.None);
                await bot.DisposeAsync();
            }
        }
    }

    private async Task<int> InvalidConfigurationAsync(CliConsole console, IEnumerable<OptionsValidationException> errors)
    {
        await console.Error.WriteLineAsync($"studybot {Name}: invalid configuration:");
        foreach (var failure in errors.SelectMany(e => e.Failures))
        {
            await console.Error.WriteLineAsync($"  {failure}");
        }
        return 1;
    }

    /// <summary>
    /// Starts the real bot against the fake and returns once it is connected and has registered commands. Where and how
    /// it connects (token, application, guild, REST and gateway URLs, gateway mode) is always the fake's: those come
    /// after <paramref name="overrides"/> on the command line, which beats the environment and user secrets, so a real
    /// <c>Discord__Token</c> in the environment is never sent anywhere. Throws <see cref="PlaygroundStartException"/>
    /// when the bot does not connect within <see cref="ConnectTimeout"/>. A new database gets a weekly club in
    /// #paper-club: <paramref name="demoClub"/>, or <see cref="DemoClub"/> when none is given.
    /// </summary>
    public static async Task<WebApplication> StartBotAsync(
        FakeDiscordServer fake,
        string dataDirectory,
        IEnumerable<string> overrides,
        CancellationToken cancellationToken,
        ClubScheduleInput? demoClub = null)
    {
        string[] settings =
        [
            $"--Storage:DatabasePath={Path.Combine(dataDirectory, "playground.db")}",
            $"--FineTune:ModelsDirectory={Path.Combine(dataDirectory, "models")}",
            $"--FineTune:RunsDirectory={Path.Combine(dataDirectory, "runs")}",
            "--Health:Urls=http://127.0.0.1:0",
            .. overrides,
            $"--Discord:Token={fake.Options.BotToken}",
            $"--Discord:ApplicationId={fake.Options.ApplicationId.ToString(CultureInfo.InvariantCulture)}",
            $"--Discord:GuildId={PlaygroundSeed.GuildId.ToString(CultureInfo.InvariantCulture)}",
            $"--Discord:ApiBaseUrl={fake.ApiBaseUrl}",
            $"--Discord:GatewayUrlOverride={fake.GatewayUrl}",
            "--Discord:Mode=Gateway",
        ];
        EnsureTinyModel(Path.Combine(dataDirectory, "models", TinyModelName));
        var app = BotHost.Build(settings);
        try
        {
            await app.StartAsync(cancellationToken);
            await EnsureDemoClubAsync(app.Services, demoClub ?? DemoClub, cancellationToken);
            await WaitUntilConnectedAsync(fake, cancellationToken);
            return app;
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
    }

    private static async Task WaitUntilConnectedAsync(FakeDiscordServer fake, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(ConnectTimeout);
        try
        {
            // Connected is not enough: until the bot has identified, the fake has no session to send interactions to.
            while (fake.ConnectedGatewayClients == 0 || fake.Counters.Identifies + fake.Counters.Resumes == 0
                   || fake.GetRegisteredCommands(PlaygroundSeed.GuildId).Count == 0)
            {
                await Task.Delay(100, timeout.Token);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            var counters = fake.Counters;
            throw new PlaygroundStartException(
                $"the bot did not connect to the fake Discord within {ConnectTimeout.TotalSeconds:0} s " +
                $"(gateway connections: {counters.GatewayConnections}, identifies: {counters.Identifies}, " +
                $"commands registered: {fake.GetRegisteredCommands(PlaygroundSeed.GuildId).Count}); see the bot's log above.");
        }
    }

    /// <summary>A base model for /finetune that needs no download: a small GPT-2 with a byte vocabulary.</summary>
    private static void EnsureTinyModel(string directory)
    {
        if (!File.Exists(Path.Combine(directory, "model.safetensors")))
        {
            TinyModelFactory.Create(directory, new TinyModelOptions());
        }
    }

    /// <summary>The playground's club: Thursday 18:00 in Berlin, default reminders and pick lead.</summary>
    public static ClubScheduleInput DemoClub { get; } = new(PlaygroundSeed.PaperClubChannelId, "thursday", "18:00", "Europe/Berlin");

    /// <summary>A weekly club in #paper-club, so reminders, RSVPs and /club next show something on first start.</summary>
    private static async Task EnsureDemoClubAsync(IServiceProvider services, ClubScheduleInput schedule, CancellationToken cancellationToken)
    {
        var clubs = services.GetRequiredService<IClubRepository>();
        if (await clubs.GetScheduleAsync(PlaygroundSeed.GuildId, cancellationToken) is not null)
        {
            return;
        }

        var club = services.GetRequiredService<ClubService>();
        await club.SetupAsync(
            PlaygroundSeed.GuildId,
            new ClubMember(PlaygroundSeed.GraceId, "Grace", IsAdmin: true),
            schedule,
            cancellationToken);
    }
}
