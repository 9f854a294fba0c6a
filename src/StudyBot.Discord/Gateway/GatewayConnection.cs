using System.Buffers;
using System.Net.WebSockets;
using System.Text.Json;
using StudyBot.Discord.Json;

namespace StudyBot.Discord.Gateway;

/// <summary>One WebSocket to the gateway: framed JSON receive, serialised and rate-limited sends, closing.</summary>
internal sealed class GatewayConnection : IDisposable
{
    public const int MaxFrameBytes = 4096;
    private const int MaxIncomingBytes = 16 * 1024 * 1024;
    private static readonly TimeSpan CloseReplyGrace = TimeSpan.FromSeconds(2);

    private readonly ClientWebSocket socket = new();
    private readonly SemaphoreSlim sendLock = new(1, 1);
    private readonly GatewaySendLimiter sendLimiter;
    private Task cleanClose = Task.CompletedTask;

    public GatewayConnection(TimeProvider time)
    {
        sendLimiter = new GatewaySendLimiter(time);
    }

    public WebSocketCloseStatus? CloseStatus => socket.CloseStatus;

    public string? CloseStatusDescription => socket.CloseStatusDescription;

    public async Task ConnectAsync(Uri url, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(30));
        await socket.ConnectAsync(url, timeout.Token);
    }

    /// <summary>The next frame, or null once the server has closed the socket.</summary>
    public async Task<GatewayIncomingFrame?> ReceiveAsync(CancellationToken cancellationToken)
    {
        var buffer = new ArrayBufferWriter<byte>(8192);
        while (true)
        {
            var memory = buffer.GetMemory(8192);
            var result = await socket.ReceiveAsync(memory, cancellationToken);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return null;
            }

            buffer.Advance(result.Count);
            if (buffer.WrittenCount > MaxIncomingBytes)
            {
                throw new InvalidDataException("Gateway frame larger than 16 MiB.");
            }

            if (result.EndOfMessage)
            {
                break;
            }
        }

        if (buffer.WrittenCount == 0)
        {
            throw new InvalidDataException("Empty gateway frame.");
        }

        return JsonSerializer.Deserialize(buffer.WrittenSpan, DiscordJsonContext.Default.GatewayIncomingFrame)
            ?? throw new InvalidDataException("Gateway frame was JSON null.");
    }

    public async Task SendAsync(int op, JsonElement data, CancellationToken cancellationToken)
    {
        var bytes = JsonSerializer.SerializeToUtf8Bytes(new GatewayOutgoingFrame(op, data), DiscordJsonContext.Default.GatewayOutgoingFrame);
        if (bytes.Length > MaxFrameBytes)
        {
            throw new InvalidOperationException($"Gateway frame for op {op} is {bytes.Length} bytes; Discord allows {MaxFrameBytes}.");
        }

        await sendLimiter.WaitAsync(cancellationToken);
        await sendLock.WaitAsync(cancellationToken);
        try
        {
            await socket.SendAsync(bytes, WebSocketMessageType.Text, endOfMessage: true, cancellationToken);
        }
        finally
        {
            sendLock.Release();
        }
    }

    /// <summary>
    /// Closes cleanly once <paramref name="stoppingToken"/> fires: sends close <paramref name="code"/> while the receive
    /// loop keeps reading, so it sees the server's close reply and ends; without a reply within 2 s
    /// <paramref name="receiveCts"/> is cancelled. (Cancelling a pending receive aborts a WebSocket, and the close
    /// frame with it, so the receive must not simply be cancelled on shutdown.) Dispose the registration before
    /// <see cref="CloseAsync"/>.
    /// </summary>
    public CancellationTokenRegistration CloseCleanlyWhen(int code, string reason, CancellationTokenSource receiveCts, CancellationToken stoppingToken) =>
        stoppingToken.Register(() => Volatile.Write(ref cleanClose, Task.Run(async () =>
        {
            await SendCloseAsync(code, reason);
            receiveCts.CancelAfter(CloseReplyGrace);
        })));

    /// <summary>Sends our close frame (bounded wait: a zombie server may never answer) and drops the socket.</summary>
    public async Task CloseAsync(int code, string reason)
    {
        try
        {
            await Volatile.Read(ref cleanClose);
            await SendCloseAsync(code, reason);
        }
        finally
        {
            socket.Abort();
        }
    }

    private async Task SendCloseAsync(int code, string reason)
    {
        try
        {
            if (socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
            {
                using var timeout = new CancellationTokenSource(CloseReplyGrace);
                await sendLock.WaitAsync(timeout.Token);
                try
                {
                    await socket.CloseOutputAsync((WebSocketCloseStatus)code, reason, timeout.Token);
                }
                finally
                {
                    sendLock.Release();
                }
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
            // The socket is going away either way.
        }
    }

    public void Dispose()
    {
        socket.Dispose();
        sendLock.Dispose();
    }
}
