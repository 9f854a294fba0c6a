using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace StudyBot.Discord.Gateway;

/// <summary>Runs <see cref="IGatewayDispatchHandler"/>s for queued dispatches on N workers; a failing handler is logged, never fatal.</summary>
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
                foreach (var handler in handlersByEvent[dispatch.EventType])
                {
                    try
                    {
                        await handler.HandleAsync(dispatch, stoppingToken);
                    }
                    catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
                    {
                        return;
                    }
                    catch (Exception ex)
                    {
                        LogHandlerFailed(logger, ex, handler.GetType().Name, dispatch.EventType, dispatch.Sequence);
                    }
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Gateway handler {Handler} failed on {EventType} #{Sequence}")]
    private static partial void LogHandlerFailed(ILogger logger, Exception exception, string handler, string eventType, long? sequence);
}
