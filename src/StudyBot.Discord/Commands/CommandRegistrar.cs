using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StudyBot.Discord.Rest;

namespace StudyBot.Discord.Commands;

/// <summary>
/// At start, makes Discord's registered commands match the app's declarations: guild commands when
/// <see cref="DiscordOptions.GuildId"/> is set (visible at once), global otherwise; untouched when already equal,
/// so restarts do not spend the command-update rate limit. A failure is logged and does not stop the bot.
/// </summary>
public sealed partial class CommandRegistrar(
    IEnumerable<IApplicationCommandProvider> providers,
    DiscordRestClient rest,
    IOptionsMonitor<DiscordOptions> options,
    ILogger<CommandRegistrar> logger) : IHostedService
{
    /// <summary>Syncs now; true when Discord's set was overwritten, false when it already matched (or nothing is declared).</summary>
    public async Task<bool> SyncAsync(CancellationToken cancellationToken)
    {
        var declared = providers.SelectMany(p => p.GetCommands()).ToList();
        if (declared.Count == 0)
        {
            LogNothingDeclared(logger);
            return false;
        }

        var guildId = options.CurrentValue.GuildId;
        var scope = guildId is { } g ? $"guild {g}" : "global";
        var existing = guildId is { } id
            ? await rest.GetGuildCommandsAsync(id, cancellationToken)
            : await rest.GetGlobalCommandsAsync(cancellationToken);
        if (CommandSetComparer.AreEquivalent(declared, existing))
        {
            LogUnchanged(logger, declared.Count, scope);
            return false;
        }

        _ = guildId is { } gid
            ? await rest.BulkOverwriteGuildCommandsAsync(gid, declared, cancellationToken)
            : await rest.BulkOverwriteGlobalCommandsAsync(declared, cancellationToken);
        LogOverwritten(logger, declared.Count, scope, existing.Count);
        return true;
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            await SyncAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is DiscordApiException or HttpRequestException)
        {
            LogFailed(logger, ex.Message);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "No application commands declared; registration skipped")]
    private static partial void LogNothingDeclared(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Count} {Scope} commands already registered and unchanged; skipping overwrite")]
    private static partial void LogUnchanged(ILogger logger, int count, string scope);

    [LoggerMessage(Level = LogLevel.Information, Message = "Registered {Count} {Scope} commands (replacing {Previous})")]
    private static partial void LogOverwritten(ILogger logger, int count, string scope, int previous);

    [LoggerMessage(Level = LogLevel.Error, Message = "Command registration failed: {Reason}")]
    private static partial void LogFailed(ILogger logger, string reason);
}
