namespace StudyBot.Discord.Gateway;

/// <summary>
/// Handles one gateway event type; register implementations in DI (one class per event). Handlers run on
/// dispatch workers, never on the socket loop, so a slow handler cannot delay heartbeats.
/// </summary>
public interface IGatewayDispatchHandler
{
    /// <summary>The event name this handler wants, e.g. "INTERACTION_CREATE" or "GUILD_CREATE".</summary>
    string EventType { get; }

    ValueTask HandleAsync(GatewayDispatch dispatch, CancellationToken cancellationToken);
}
