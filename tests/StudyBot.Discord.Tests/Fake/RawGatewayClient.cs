using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;

namespace StudyBot.Discord.Tests.Fake;

/// <summary>A bare ClientWebSocket speaking the gateway's JSON frames, so the fake is tested without StudyBot's client.</summary>
internal sealed class RawGatewayClient : IAsyncDisposable
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);

    private readonly ClientWebSocket _socket = new();

    public WebSocketCloseStatus? CloseStatus => _socket.CloseStatus;

    public static async Task<RawGatewayClient> ConnectAsync(string gatewayUrl)
    {
        var client = new RawGatewayClient();
        using var cts = new CancellationTokenSource(Patience);
        await client._socket.ConnectAsync(new Uri(gatewayUrl + "/?v=10&encoding=json"), cts.Token);
        return client;
    }

    /// <summary>Connects, reads Hello and identifies; returns the client and the READY frame.</summary>
    public static async Task<(RawGatewayClient Client, JsonObject Ready)> IdentifyAsync(string gatewayUrl, string token, long intents = 1)
    {
        var client = await ConnectAsync(gatewayUrl);
        var hello = await client.ReceiveAsync();
        Assert.Equal(10, (int)hello["op"]!);
        await client.SendAsync(IdentifyFrame(token, intents));
        var ready = await client.ReceiveAsync();
        Assert.Equal("READY", (string?)ready["t"]);
        return (client, ready);
    }

    public static JsonObject IdentifyFrame(string token, long intents) => new()
    {
        ["op"] = 2,
        ["d"] = new JsonObject
        {
            ["token"] = token,
            ["intents"] = intents,
            ["properties"] = new JsonObject { ["os"] = "linux", ["browser"] = "raw-test", ["device"] = "raw-test" },
        },
    };

    public Task SendAsync(JsonObject frame) =>
        _socket.SendAsync(Encoding.UTF8.GetBytes(frame.ToJsonString()), WebSocketMessageType.Text, true, CancellationToken.None);

    /// <summary>The next frame; fails the test if the socket closes or nothing arrives in time.</summary>
    public async Task<JsonObject> ReceiveAsync()
    {
        var (frame, close) = await ReceiveOrCloseAsync();
        Assert.True(frame is not null, $"Expected a frame but the socket closed with {close}.");
        return frame!;
    }

    /// <summary>Reads frames until one satisfies <paramref name="match"/>.</summary>
    public async Task<JsonObject> ReceiveUntilAsync(Func<JsonObject, bool> match)
    {
        while (true)
        {
            var frame = await ReceiveAsync();
            if (match(frame))
            {
                return frame;
            }
        }
    }

    /// <summary>Reads until the server closes; returns the close code (frames before it are skipped).</summary>
    public async Task<int?> ReceiveCloseAsync()
    {
        while (true)
        {
            var (frame, close) = await ReceiveOrCloseAsync();
            if (frame is null)
            {
                return close;
            }
        }
    }

    public async Task<(JsonObject? Frame, int? CloseCode)> ReceiveOrCloseAsync()
    {
        using var cts = new CancellationTokenSource(Patience);
        var buffer = new byte[64 * 1024];
        using var message = new MemoryStream();
        while (true)
        {
            var result = await _socket.ReceiveAsync(buffer, cts.Token);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return (null, (int?)result.CloseStatus);
            }
            message.Write(buffer, 0, result.Count);
            if (result.EndOfMessage)
            {
                return ((JsonObject)JsonNode.Parse(message.ToArray())!, null);
            }
        }
    }

    /// <summary>True once the server has cut the TCP connection (no close frame).</summary>
    public async Task<bool> WasDroppedAsync()
    {
        try
        {
            await ReceiveCloseAsync();
            return false;
        }
        catch (WebSocketException)
        {
            return true;
        }
    }

    public async Task CloseAsync(WebSocketCloseStatus status)
    {
        if (_socket.State == WebSocketState.Open)
        {
            using var cts = new CancellationTokenSource(Patience);
            await _socket.CloseOutputAsync(status, "", cts.Token);
        }
    }

    public ValueTask DisposeAsync()
    {
        _socket.Abort();
        _socket.Dispose();
        return ValueTask.CompletedTask;
    }
}
