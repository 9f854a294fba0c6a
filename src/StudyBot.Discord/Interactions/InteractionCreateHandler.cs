using StudyBot.Discord.Gateway;

namespace StudyBot.Discord.Interactions;

/// <summary>
/// Feeds INTERACTION_CREATE from the gateway into the <see cref="InteractionDispatcher"/>; returns as soon as the
/// handler is started, so a worker is never held by a slow handler or by an acknowledgement.
/// </summary>
internal sealed class InteractionCreateHandler(InteractionDispatcher dispatcher) : IGatewayDispatchHandler
{
    public string EventType => "INTERACTION_CREATE";

    public ValueTask HandleAsync(GatewayDispatch dispatch, CancellationToken cancellationToken) =>
        new(dispatcher.DispatchAsync(dispatch.Data, dispatch.ReceivedAt, cancellationToken));
}
