using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;

namespace StudyBot.Discord.Tests.Support;

/// <summary>One bot connection to a <see cref="ScriptedGateway"/>.</summary>
public sealed class ScriptedGatewaySocket(int index, WebSocket socket, ConcurrentQueue<(int Connection, JsonObject Frame)> received)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    /// <summary>1 for the first connection, 2 for the next, …</summary>
    public int Index { get; } = index;

    public Task SendAsync(JsonObject frame) =>
        socket.SendAsync(Encoding.UTF8.GetBytes(frame.ToJsonString()), WebSocketMessageType.Text, true, CancellationToken.None);

    public Task HelloAsync(JsonNode? heartbeatInterval) =>
        SendAsync(new JsonObject { ["op"] = 10, ["d"] = new JsonObject { ["heartbeat_interval"] = heartbeatInterval } });

    public Task DispatchAsync(string name, long sequence, JsonObject data) =>
        SendAsync(new JsonObject { ["op"] = 0, ["t"] = name, ["s"] = sequence, ["d"] = data });

    /// <summary>The next frame from the bot whose op is <paramref name="op"/>, ACKing heartbeats meanwhile; null when the bot closed.</summary>
    public async Task<JsonObject?> ExpectAsync(int op)
    {
        while (await ReceiveAsync() is { } frame)
        {
            var got = frame["op"]!.GetValue<int>();
            if (got == op)
            {
                return frame;
            }

            if (got == 1)
            {
                await SendAsync(new JsonObject { ["op"] = 11 });
            }
        }

        return null;
    }

    /// <summary>Answers heartbeats until the bot closes the socket.</summary>
    public async Task StayAsync()
    {
        _ = await ExpectAsync(-1);
    }

    public Task CloseAsync(int code) =>
        socket.CloseOutputAsync((WebSocketCloseStatus)code, "scripted", CancellationToken.None);

    private async Task<JsonObject?> ReceiveAsync()
    {
        using var timeout = new CancellationTokenSource(Patience);
        var buffer = new byte[64 * 1024];
        var length = 0;
        while (true)
        {
            var result = await socket.ReceiveAsync(buffer.AsMemory(length), timeout.Token);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                // Completes the bot's close handshake so it does not wait for a reply that never comes.
                if (socket.State == WebSocketState.CloseReceived)
                {
                    await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "bye", CancellationToken.None);
                }

                return null;
            }

            length += result.Count;
            if (result.EndOfMessage)
            {
                var frame = JsonNode.Parse(buffer.AsSpan(0, length))!.AsObject();
                received.Enqueue((Index, frame));
                return frame;
            }
        }
    }
}
