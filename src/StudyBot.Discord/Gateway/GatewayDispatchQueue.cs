using System.Threading.Channels;
using Microsoft.Extensions.Options;

namespace StudyBot.Discord.Gateway;

/// <summary>
/// The hand-off between the socket loop and the dispatch workers. Bounded (<see cref="DiscordOptions.DispatchQueueCapacity"/>)
/// so a flood cannot exhaust memory: when full, the receive loop waits for room and reads nothing meanwhile, ACKs
/// included. The heartbeat task keeps beating and <see cref="HeartbeatState"/> does not count ACKs left unread
/// during such a stall as missing, so back-pressure does not turn into a zombie reconnect.
/// </summary>
internal sealed class GatewayDispatchQueue(IOptions<DiscordOptions> options)
{
    private readonly Channel<GatewayDispatch> channel = Channel.CreateBounded<GatewayDispatch>(
        new BoundedChannelOptions(options.Value.DispatchQueueCapacity) { FullMode = BoundedChannelFullMode.Wait, SingleWriter = true });

    /// <summary>Queues without waiting; false when the queue is full.</summary>
    public bool TryEnqueue(GatewayDispatch dispatch) => channel.Writer.TryWrite(dispatch);

    public ValueTask EnqueueAsync(GatewayDispatch dispatch, CancellationToken cancellationToken) =>
        channel.Writer.WriteAsync(dispatch, cancellationToken);

    public ChannelReader<GatewayDispatch> Reader => channel.Reader;
}
