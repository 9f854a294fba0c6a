using StudyBot.Hosting;

namespace StudyBot.Cli;

/// <summary>
/// Runs the bot. With a Discord token (environment <c>Discord__Token</c> or user secrets) it connects to Discord;
/// without one it starts the offline playground instead, so a fresh checkout has something to try.
/// </summary>
public sealed class RunVerb(ICliVerb playground) : ICliVerb
{
    public string Name => "run";

    public string Summary => "Run the bot (connects to Discord when Discord__Token is set, else starts the offline playground).";

    public string Usage => "[--playground] [--port 5080] [--data DIR] [config overrides as --Section:Key=value]";

    public async Task<int> RunAsync(CliArguments arguments, CliConsole console, CancellationToken cancellationToken)
    {
        if (arguments.Flag("playground"))
        {
            return await playground.RunAsync(arguments, console, cancellationToken);
        }

        var overrides = ConfigurationOverrides.From(arguments, "port", "data");
        var app = BotHost.Build(overrides);
        if (string.IsNullOrWhiteSpace(app.Configuration["Discord:Token"]))
        {
            await app.DisposeAsync();
            await console.Error.WriteLineAsync("No Discord token configured (set Discord__Token or a user secret); starting the offline playground.");
            // The overrides were consumed above; hand the playground the same options again (--port, --data, --Section:Key=value).
            return await playground.RunAsync(new CliArguments(overrides), console, cancellationToken);
        }

        await using (app)
        {
            await app.RunAsync(cancellationToken);
        }

        return Environment.ExitCode;
    }
}
