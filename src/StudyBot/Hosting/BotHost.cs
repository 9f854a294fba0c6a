using StudyBot.Core.Commands;
using StudyBot.Discord;
using StudyBot.Discord.Http;
using StudyBot.Scheduling;

namespace StudyBot.Hosting;

/// <summary>
/// Composes the bot: configuration (appsettings.json, user secrets, environment, command line; later ones win), the paper library, the
/// database, the command layer, the club scheduler, fine-tunes from chat, and the Discord transport, plus a small HTTP server for the
/// health check and (in http mode) the interactions endpoint.
/// </summary>
public static class BotHost
{
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateSlimBuilder(args);
        // The slim builder reads user secrets only in Development; add them for every environment, then repeat the
        // environment and the command line after them so the precedence stays appsettings.json < user secrets <
        // environment < command line (--Section:Key=value overrides, e.g. the playground's fake Discord, always win).
        builder.Configuration.AddUserSecrets(typeof(BotHost).Assembly, optional: true);
        builder.Configuration.AddEnvironmentVariables();
        builder.Configuration.AddCommandLine(args);
        // A stop lets running interaction handlers finish (Discord:ShutdownDrainTimeout, 10 s) and a trainer save its
        // checkpoint (FineTune:KillGracePeriod): more than the host's 30 s default can take. compose.yaml allows 60 s.
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(45));
        configure?.Invoke(builder);
        builder.WebHost.UseUrls(builder.Configuration.GetSection(HealthOptions.SectionName).Get<HealthOptions>()?.Urls ?? new HealthOptions().Urls);

        builder.Services
            .AddPaperLibrary()
            .AddDatabase(builder.Configuration)
            .AddArxivLookup(builder.Configuration)
            .AddStudyBotCore()
            .AddClubScheduling()
            .AddFineTuning(builder.Configuration)
            .AddDiscordBridge(builder.Configuration);

        var app = builder.Build();
        app.MapGet("/healthz", () => Results.Text("ok"));
        if (builder.Configuration.GetSection(DiscordOptions.SectionName).Get<DiscordOptions>()?.Mode == DiscordMode.Http)
        {
            app.MapDiscordInteractions("/interactions");
        }

        return app;
    }
}
