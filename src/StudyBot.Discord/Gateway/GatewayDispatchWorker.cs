using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace StudyBot.Discord.Gateway;

/// <summary>
/// Runs <see cref="IGatewayDispatchHandler"/>s for queued dispatches on N workers; a failing handler is logged, never
/// fatal. On stop the workers still hand over what is queued, with the stopping token already cancelled.
/// </summary>
internal sealed partial class GatewayDispatchWorker(
    GatewayDispatchQueue queue,
    IEnumerable<IGatewayDispatchHandler> handlers,
    IOptions<DiscordOptions> options,
    ILogger<GatewayDispatchWorker> logger) : BackgroundService
{
    private readonly ILookup<string, IGatewayDispatchHandler> handlersByEvent = handlers.ToLookup(h => h.EventType, StringComparer.Ordinal);

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        options.Value.Mode != DiscordMode.Gateway
            ? Task.CompletedTask
            : Task.WhenAll(Enumerable.Range(0, options.Value.DispatchConcurrency).Select(_ => Task.Run(() => WorkAsync(stoppingToken), stoppingToken)));

    private async Task WorkAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var dispatch in queue.Reader.ReadAllAsync(stoppingToken))
            {
                await HandleAsync(dispatch, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }

        // The gateway client stops first, so nothing more comes in. What is still queued was received from Discord:
        // interactions among it get their handlers now (the dispatcher lets them finish before the host stops)
        // instead of vanishing unanswered. Other handlers see the cancelled token and may skip their work.
        while (queue.Reader.TryRead(out var dispatch))
        {
            await HandleAsync(dispatch, stoppingToken);
        }
    }

    private async Task HandleAsync(GatewayDispatch dispatch, CancellationToken stoppingToken)
    {
        foreach (var handler in handlersByEvent[dispatch.EventType])
        {
            try
            {
                await handler.HandleAsync(dispatch, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                // This handler gave up because the bot is stopping; the next one may still want the event.
            }
            catch (Exception ex)
            {
                LogHandlerFailed(logger, ex, handler.GetType().Name, dispatch.EventType, dispatch.Sequence);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Gateway handler {Handler} failed on {EventType} #{Sequence}")]
    private static partial void LogHandlerFailed(ILogger logger, Exception exception, string handler, string eventType, long? sequence);
}
