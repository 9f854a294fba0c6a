using System.Threading.Channels;

namespace StudyBot.Discord.Gateway;

/// <summary>
/// The hand-off between the socket loop and the dispatch workers. Bounded so a flood cannot exhaust memory;
/// when full the receive loop waits (back-pressure) while heartbeats keep going from their own task.
/// </summary>
internal sealed class GatewayDispatchQueue
{
    private readonly Channel<GatewayDispatch> channel = Channel.CreateBounded<GatewayDispatch>(
        new BoundedChannelOptions(1024) { FullMode = BoundedChannelFullMode.Wait, SingleWriter = true });

    public ValueTask EnqueueAsync(GatewayDispatch dispatch, CancellationToken cancellationToken) =>
        channel.Writer.WriteAsync(dispatch, cancellationToken);

    public ChannelReader<GatewayDispatch> Reader => channel.Reader;
}
