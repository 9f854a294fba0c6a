using System.Text.Json;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StudyBot.Discord.Rest;

namespace StudyBot.Discord.Commands;

/// <summary>
/// At start, makes Discord's registered commands match the app's declarations: guild commands when
/// <see cref="DiscordOptions.GuildId"/> is set (visible at once), global otherwise; untouched when already equal,
/// so restarts do not spend the command-update rate limit. Runs in the background so a slow or broken answer neither
/// delays nor fails the host's start (the gateway connects meanwhile, and an interaction for a command the app does
/// not know gets a clear reply); a timeout or unreadable answer is retried a few times (the REST client retries rate
/// limits and server errors itself), and a failure is logged, never thrown.
/// </summary>
public sealed partial class CommandRegistrar(
    IEnumerable<IApplicationCommandProvider> providers,
    DiscordRestClient rest,
    IOptionsMonitor<DiscordOptions> options,
    TimeProvider time,
    ILogger<CommandRegistrar> logger) : IHostedService, IDisposable
{
    /// <summary>Attempts at start before registration gives up until the next start.</summary>
    internal const int MaxAttempts = 3;

    private readonly CancellationTokenSource stopping = new();
    private Task registration = Task.CompletedTask;

    /// <summary>The registration started by <see cref="StartAsync"/>: completes (never faults) once commands are in
    /// step, registration gave up, or the host stopped.</summary>
    public Task Completion => registration;

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

    public Task StartAsync(CancellationToken cancellationToken)
    {
        registration = Task.Run(() => RegisterAsync(stopping.Token), CancellationToken.None);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await stopping.CancelAsync();
        await registration.WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    public void Dispose() => stopping.Dispose();

    private async Task RegisterAsync(CancellationToken stoppingToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await SyncAsync(stoppingToken);
                return;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // Background work: nothing may escape. Anything unexpected is logged as final, not retried.
                var (reason, transient) = Describe(ex);
                if (!transient || attempt >= MaxAttempts)
                {
                    LogFailed(logger, reason, attempt);
                    return;
                }

                var delay = Backoff(attempt);
                LogRetrying(logger, attempt, MaxAttempts, reason, delay.TotalSeconds);
                try
                {
                    await Task.Delay(delay, time, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    /// <summary>1 s, then 2 s: enough for a hiccup to pass without holding anything up.</summary>
    private static TimeSpan Backoff(int attempt) => TimeSpan.FromSeconds(Math.Pow(2, attempt - 1));

    /// <summary>Retried here: what the REST client does not retry itself (a timeout, an unreadable answer). Rate
    /// limits, 5xx and connection failures arrive here only once the REST client's own retries are spent.</summary>
    private static (string Reason, bool Transient) Describe(Exception ex) => ex switch
    {
        // Not the host stopping (filtered before): HttpClient's own timeout.
        OperationCanceledException => ("Discord did not answer within the HTTP timeout", true),
        JsonException json => ($"Discord's answer could not be read as JSON ({json.Message})", true),
        HttpRequestException http => ($"could not reach Discord ({http.Message})", false),
        DiscordApiException api => (api.Message, false),
        _ => ($"{ex.GetType().Name}: {ex.Message}", false),
    };

    [LoggerMessage(Level = LogLevel.Information, Message = "No application commands declared; registration skipped")]
    private static partial void LogNothingDeclared(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Count} {Scope} commands already registered and unchanged; skipping overwrite")]
    private static partial void LogUnchanged(ILogger logger, int count, string scope);

    [LoggerMessage(Level = LogLevel.Information, Message = "Registered {Count} {Scope} commands (replacing {Previous})")]
    private static partial void LogOverwritten(ILogger logger, int count, string scope, int previous);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Command registration attempt {Attempt} of {MaxAttempts} failed: {Reason}; retrying in {DelaySeconds} s")]
    private static partial void LogRetrying(ILogger logger, int attempt, int maxAttempts, string reason, double delaySeconds);

    [LoggerMessage(Level = LogLevel.Error, Message = "Command registration failed: {Reason} (after {Attempts} attempt(s)). The bot keeps running; Discord keeps its previous command set until the next start")]
    private static partial void LogFailed(ILogger logger, string reason, int attempts);
}
