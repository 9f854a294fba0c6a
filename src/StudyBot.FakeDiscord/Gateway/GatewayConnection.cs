using System.Net.WebSockets;
using System.Text;
using System.Threading.Channels;
using Microsoft.AspNetCore.Http;

namespace StudyBot.FakeDiscord.Gateway;

/// <summary>One accepted WebSocket. Frames are queued and written by a single loop so their order matches the order
/// they were produced under the world's lock.</summary>
internal sealed class GatewayConnection(int id, HttpContext http, WebSocket socket)
{
    private readonly Channel<OutboundFrame> _outbox = Channel.CreateUnbounded<OutboundFrame>(
        new UnboundedChannelOptions { SingleReader = true });

    public int Id { get; } = id;
    public HttpContext Http { get; } = http;
    public WebSocket Socket { get; } = socket;

    /// <summary>Set after a successful Identify or Resume; cleared when the session is invalidated.</summary>
    public GatewaySession? Session { get; set; }

    public bool Closing { get; set; }

    /// <summary>Set when the request has ended; the HttpContext must not be touched afterwards.</summary>
    public volatile bool Finished;

    /// <summary>Gateway send limit: sends in the current 60 s window.</summary>
    public DateTimeOffset SendWindowStart { get; set; }
    public int SendsInWindow { get; set; }

    /// <summary><see cref="System.Diagnostics.Stopwatch"/> timestamp of Hello or of the latest heartbeat from the client.</summary>
    public long LastHeartbeatTimestamp { get; set; }

    public void Enqueue(OutboundFrame frame) => _outbox.Writer.TryWrite(frame);

    public void Complete() => _outbox.Writer.TryComplete();

    public async Task RunWriterAsync(Func<TimeSpan> delay, CancellationToken ct)
    {
        try
        {
            await foreach (var frame in _outbox.Reader.ReadAllAsync(ct))
            {
                var wait = frame.Dispatch ? delay() : TimeSpan.Zero;
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, ct);
                }
                if (frame.Abort)
                {
                    Http.Abort();
                    return;
                }
                if (frame.CloseCode is { } code)
                {
                    if (Socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
                    {
                        await Socket.CloseOutputAsync((WebSocketCloseStatus)code, frame.CloseReason ?? "", ct);
                    }
                    return;
                }
                if (Socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
                {
                    await Socket.SendAsync(Encoding.UTF8.GetBytes(frame.Text!), WebSocketMessageType.Text, true, ct);
                }
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or ObjectDisposedException or IOException)
        {
            // The peer went away; the receive loop notices and detaches the session.
        }
    }
}
