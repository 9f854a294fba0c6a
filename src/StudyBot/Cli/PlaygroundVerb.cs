using System.Globalization;
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
        finally
        {
            if (bot is not null)
            {
                await bot.StopAsync(CancellationToken.None);
                await bot.DisposeAsync();
            }
        }
    }

    /// <summary>Starts the real bot against the fake and returns once it is connected and has registered commands.</summary>
    public static async Task<WebApplication> StartBotAsync(FakeDiscordServer fake, string dataDirectory, IEnumerable<string> overrides, CancellationToken cancellationToken)
    {
        string[] settings =
        [
            $"--Discord:Token={fake.Options.BotToken}",
            $"--Discord:ApplicationId={fake.Options.ApplicationId.ToString(CultureInfo.InvariantCulture)}",
            $"--Discord:GuildId={PlaygroundSeed.GuildId.ToString(CultureInfo.InvariantCulture)}",
            $"--Discord:ApiBaseUrl={fake.ApiBaseUrl}",
            $"--Discord:GatewayUrlOverride={fake.GatewayUrl}",
            $"--Storage:DatabasePath={Path.Combine(dataDirectory, "playground.db")}",
            $"--FineTune:ModelsDirectory={Path.Combine(dataDirectory, "models")}",
            $"--FineTune:RunsDirectory={Path.Combine(dataDirectory, "runs")}",
            "--Health:Urls=http://127.0.0.1:0",
            .. overrides,
        ];
        EnsureTinyModel(Path.Combine(dataDirectory, "models", TinyModelName));
        var app = BotHost.Build(settings);
        await app.StartAsync(cancellationToken);
        await EnsureDemoClubAsync(app.Services, cancellationToken);

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(ConnectTimeout);
        while (fake.ConnectedGatewayClients == 0 || fake.GetRegisteredCommands(PlaygroundSeed.GuildId).Count == 0)
        {
            await Task.Delay(100, timeout.Token);
        }

        return app;
    }

    /// <summary>A base model for /finetune that needs no download: a small GPT-2 with a byte vocabulary.</summary>
    private static void EnsureTinyModel(string directory)
    {
        if (!File.Exists(Path.Combine(directory, "model.safetensors")))
        {
            TinyModelFactory.Create(directory, new TinyModelOptions());
        }
    }

    /// <summary>A weekly club in #paper-club, so reminders, RSVPs and /club next show something on first start.</summary>
    private static async Task EnsureDemoClubAsync(IServiceProvider services, CancellationToken cancellationToken)
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
            new ClubScheduleInput(PlaygroundSeed.PaperClubChannelId, "thursday", "18:00", "Europe/Berlin"),
            cancellationToken);
    }
}
