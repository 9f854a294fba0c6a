using StudyBot.Hosting;

namespace StudyBot.Cli;

/// <summary>
/// Runs the bot. With a Discord token (environment <c>Discord__Token</c> or user secrets) it connects to Discord;
/// without one it starts the offline playground instead, so a fresh checkout has something to try. A deployment
/// (the Docker images' <c>CMD</c>) passes <c>--no-playground</c>: there a missing token is a configuration error that
/// stops the bot with exit code 2, not a playground on loopback that nothing outside the container can reach.
/// </summary>
public sealed class RunVerb(ICliVerb playground) : ICliVerb
{
    /// <summary>Exit code when <c>--no-playground</c> is given and no token is configured (a usage/configuration error).</summary>
    public const int NoTokenExitCode = 2;

    public string Name => "run";

    public string Summary => "Run the bot (connects to Discord when Discord__Token is set, else starts the offline playground unless --no-playground).";

    public string Usage => "[--no-playground | --playground] [--port 5080] [--data DIR] [config overrides as --Section:Key=value]";

    public async Task<int> RunAsync(CliArguments arguments, CliConsole console, CancellationToken cancellationToken)
    {
        var noPlayground = arguments.Flag("no-playground");
        if (arguments.Flag("playground"))
        {
            if (noPlayground)
            {
                throw new CliUsageException("--playground and --no-playground contradict each other.");
            }

            return await playground.RunAsync(arguments, console, cancellationToken);
        }

        // --port and --data are the playground's; they are handed on to it below and mean nothing to the real bot.
        var port = arguments.Option("port");
        var data = arguments.Option("data");
        var overrides = ConfigurationOverrides.From(arguments);
        var app = BotHost.Build(overrides);
        if (string.IsNullOrWhiteSpace(app.Configuration["Discord:Token"]))
        {
            await app.DisposeAsync();
            if (noPlayground)
            {
                await console.Error.WriteLineAsync($"studybot {Name}: no Discord token configured, and --no-playground was given, so the bot stops here.");
                await WriteHowToSetATokenAsync(console.Error);
                return NoTokenExitCode;
            }

            await console.Error.WriteLineAsync("No Discord token configured (Discord:Token is empty), so this is not connecting to Discord: starting the offline playground instead.");
            await WriteHowToSetATokenAsync(console.Error);
            string[] playgroundArguments =
            [
                .. port is null ? [] : new[] { $"--port={port}" },
                .. data is null ? [] : new[] { $"--data={data}" },
                .. overrides,
            ];
            return await playground.RunAsync(new CliArguments(playgroundArguments), console, cancellationToken);
        }

        if (port is not null || data is not null)
        {
            await app.DisposeAsync();
            throw new CliUsageException(
                "--port and --data are the playground's options; with a Discord token set Storage:DatabasePath, " +
                "FineTune:ModelsDirectory, FineTune:RunsDirectory and Health:Urls instead.");
        }

        await using (app)
        {
            await app.RunAsync(cancellationToken);
        }

        return Environment.ExitCode;
    }

    private static async Task WriteHowToSetATokenAsync(TextWriter writer)
    {
        await writer.WriteLineAsync("  To connect to Discord, give the bot its token (and Discord__ApplicationId) through the environment or user secrets:");
        await writer.WriteLineAsync("    export Discord__Token=...   or   dotnet user-secrets --project src/StudyBot set Discord:Token ...");
        await writer.WriteLineAsync("  With Docker: put Discord__Token=... in docker/studybot.env (see docker/studybot.env.example).");
        await writer.WriteLineAsync("  README.md, \"Adding the bot to a real Discord server\", has the steps.");
    }
}
