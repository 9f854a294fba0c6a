using System.Diagnostics;
using System.Net.WebSockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using StudyBot.FakeDiscord.Model;
using StudyBot.FakeDiscord.Rest;
using StudyBot.FakeDiscord.State;

namespace StudyBot.FakeDiscord.Gateway;

/// <summary>
/// The gateway side of the fake: accepts WebSockets, runs Hello / Identify / Resume / heartbeats, numbers and buffers
/// dispatches per session, and executes scripted faults. Shares the world's lock so dispatch order matches REST order.
/// </summary>
internal sealed class GatewayHub
{
    private const int MaxFrameBytes = 4096;
    private const int SendLimitPerMinute = 120;
    private const int MaxSessionLog = 10_000;
    private const long PrivilegedIntents = (1 << 1) | (1 << 8) | (1 << 15);
    private const long KnownIntents = 0x1FFFF | (1 << 20) | (1 << 21) | (1 << 24) | (1 << 25);
    private const long GuildsIntent = 1 << 0;

    private readonly FakeWorld _world;
    private readonly Dictionary<string, GatewaySession> _sessions = new(StringComparer.Ordinal);
    private readonly List<GatewayConnection> _connections = [];
    private int _nextConnectionId;

    public GatewayHub(FakeWorld world)
    {
        _world = world;
        SessionStartRemaining = world.Options.SessionStartLimitTotal;
        world.DispatchHook = DispatchToAll;
        world.RawDispatchHook = (name, payload) =>
        {
            foreach (var session in _sessions.Values.Where(Alive))
            {
                SessionDispatchNode(session, name, payload);
            }
        };
    }

    /// <summary>ws://127.0.0.1:PORT/gateway, set once Kestrel listens.</summary>
    public string GatewayUrl { get; set; } = "";

    public bool AckHeartbeats { get; set; } = true;
    public bool WithholdHello { get; set; }
    public bool InvalidateEveryIdentify { get; set; }
    public TimeSpan OutboundDelay { get; set; }
    public int Connections { get; private set; }
    public int Identifies { get; private set; }
    public int Resumes { get; private set; }
    public int Heartbeats { get; private set; }
    public int HeartbeatAcks { get; private set; }
    public int Dispatches { get; private set; }
    public int HeartbeatTimeouts { get; private set; }
    public int SessionStartRemaining { get; private set; }

    private FakeDiscordOptions Options => _world.Options;

    public async Task HandleAsync(HttpContext context)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            await Responses.Error(context, new DiscordApiException(400, 0, "400: Bad Request (expected a WebSocket upgrade)"));
            return;
        }
        var version = context.Request.Query["v"].ToString();
        var encoding = context.Request.Query["encoding"].ToString();
        var socket = await context.WebSockets.AcceptWebSocketAsync();
        GatewayConnection connection;
        var helloSent = false;
        lock (_world.Gate)
        {
            connection = new GatewayConnection(++_nextConnectionId, context, socket) { SendWindowStart = _world.Now };
            _connections.Add(connection);
            Connections++;
            if (version.Length > 0 && version != "10")
            {
                Close(connection, 4012, "Invalid API version.");
            }
            else if (encoding.Length > 0 && encoding != "json")
            {
                Close(connection, 4002, "Error while decoding payload.");
            }
            else if (!WithholdHello)
            {
                Send(connection, 10, new JsonObject { ["heartbeat_interval"] = Options.HeartbeatIntervalMs });
                connection.LastHeartbeatTimestamp = Stopwatch.GetTimestamp();
                helloSent = true;
            }
            _world.Publish(FakeEventKinds.GatewayConnected, null, null, null, null, new JsonObject { ["connection"] = connection.Id });
        }
        var writer = connection.RunWriterAsync(() => OutboundDelay, context.RequestAborted);
        using var watchdogStop = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
        var watchdog = helloSent && Options.EnforceClientHeartbeats
            ? WatchClientHeartbeatsAsync(connection, watchdogStop.Token)
            : Task.CompletedTask;
        WebSocketCloseStatus? clientClose = null;
        try
        {
            clientClose = await ReceiveLoopAsync(connection, context.RequestAborted);
            if (clientClose is { } status && socket.State == WebSocketState.CloseReceived)
            {
                // Complete the closing handshake through the writer so it never races a queued send.
                connection.Enqueue(new OutboundFrame(null, (int)status, ""));
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or IOException or ObjectDisposedException)
        {
            // Dropped without a close frame: the session stays resumable.
        }
        finally
        {
            await watchdogStop.CancelAsync();
            await watchdog;
            Detach(connection, clientClose);
            connection.Complete();
            await writer;
            connection.Finished = true;
        }
    }

    /// <summary>Closes the connection with 4009 once the client has gone quiet for longer than the heartbeat timeout.</summary>
    private async Task WatchClientHeartbeatsAsync(GatewayConnection connection, CancellationToken ct)
    {
        var timeout = Options.ClientHeartbeatTimeout;
        try
        {
            while (true)
            {
                TimeSpan wait;
                lock (_world.Gate)
                {
                    if (connection.Closing)
                    {
                        return;
                    }
                    var quiet = Stopwatch.GetElapsedTime(connection.LastHeartbeatTimestamp);
                    if (quiet >= timeout)
                    {
                        HeartbeatTimeouts++;
                        Close(connection, 4009, "Session timed out.");
                        return;
                    }
                    wait = timeout - quiet;
                }
                await Task.Delay(wait, ct);
            }
        }
        catch (OperationCanceledException)
        {
            // The connection ended first.
        }
    }

    private async Task<WebSocketCloseStatus?> ReceiveLoopAsync(GatewayConnection connection, CancellationToken ct)
    {
        var buffer = new byte[MaxFrameBytes + 1];
        while (true)
        {
            var length = 0;
            ValueWebSocketReceiveResult result;
            do
            {
                if (length >= buffer.Length)
                {
                    lock (_world.Gate)
                    {
                        Close(connection, 4002, "Payload too large.");
                    }
                    await DrainUntilClosedAsync(connection.Socket, ct);
                    return null;
                }
                result = await connection.Socket.ReceiveAsync(buffer.AsMemory(length), ct);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    return connection.Socket.CloseStatus ?? WebSocketCloseStatus.Empty;
                }
                length += result.Count;
            }
            while (!result.EndOfMessage);

            if (length > MaxFrameBytes)
            {
                lock (_world.Gate)
                {
                    Close(connection, 4002, "Payload too large.");
                }
                continue;
            }
            var text = Encoding.UTF8.GetString(buffer, 0, length);
            lock (_world.Gate)
            {
                if (!connection.Closing)
                {
                    HandleFrame(connection, text);
                }
            }
        }
    }

    private static async Task DrainUntilClosedAsync(WebSocket socket, CancellationToken ct)
    {
        var scratch = new byte[1024];
        while (socket.State == WebSocketState.Open || socket.State == WebSocketState.CloseSent)
        {
            var r = await socket.ReceiveAsync(scratch.AsMemory(), ct);
            if (r.MessageType == WebSocketMessageType.Close)
            {
                return;
            }
        }
    }

    private void HandleFrame(GatewayConnection connection, string text)
    {
        var now = _world.Now;
        if (now - connection.SendWindowStart >= TimeSpan.FromSeconds(60))
        {
            connection.SendWindowStart = now;
            connection.SendsInWindow = 0;
        }
        if (++connection.SendsInWindow > SendLimitPerMinute)
        {
            Close(connection, 4008, "Rate limited.");
            return;
        }
        JsonObject? frame;
        try
        {
            frame = JsonNode.Parse(text) as JsonObject;
        }
        catch (JsonException)
        {
            frame = null;
        }
        var op = Json.Int(frame?["op"]);
        if (frame is null || op is null)
        {
            Close(connection, 4002, "Error while decoding payload.");
            return;
        }
        switch (op)
        {
            case 1:
                Heartbeats++;
                connection.LastHeartbeatTimestamp = Stopwatch.GetTimestamp();
                if (AckHeartbeats)
                {
                    HeartbeatAcks++;
                    Send(connection, 11, null);
                }
                break;
            case 2:
                Identify(connection, frame["d"] as JsonObject);
                break;
            case 6:
                Resume(connection, frame["d"] as JsonObject);
                break;
            case 3 or 4 or 8 or 31:
                if (connection.Session is null)
                {
                    Close(connection, 4003, "Not authenticated.");
                }
                break;
            default:
                Close(connection, 4001, "Unknown opcode.");
                break;
        }
    }

    private void Identify(GatewayConnection connection, JsonObject? d)
    {
        if (connection.Session is not null)
        {
            Close(connection, 4005, "Already authenticated.");
            return;
        }
        var token = Json.Str(d?["token"]);
        var intents = Json.Int(d?["intents"]);
        if (d is null || token is null || d["properties"] is not JsonObject || intents is null)
        {
            Close(connection, 4002, "Error while decoding payload.");
            return;
        }
        if (!TokenMatches(token))
        {
            Close(connection, 4004, "Authentication failed.");
            return;
        }
        var shard = new[] { 0, 1 };
        if (d["shard"] is JsonArray shardNode)
        {
            var id = Json.Int(shardNode.Count > 0 ? shardNode[0] : null);
            var count = Json.Int(shardNode.Count > 1 ? shardNode[1] : null);
            if (id is null || count is null || count < 1 || id < 0 || id >= count)
            {
                Close(connection, 4010, "Invalid shard.");
                return;
            }
            shard = [(int)id, (int)count];
        }
        if ((intents.Value & ~KnownIntents) != 0)
        {
            Close(connection, 4013, "Invalid intent(s).");
            return;
        }
        if ((intents.Value & PrivilegedIntents & ~Options.EnabledPrivilegedIntents) != 0)
        {
            Close(connection, 4014, "Disallowed intent(s).");
            return;
        }
        if (SessionStartRemaining <= 0)
        {
            Close(connection, 4004, "Authentication failed.");
            return;
        }
        SessionStartRemaining--;
        Identifies++;
        if (InvalidateEveryIdentify)
        {
            // What Discord does when it will not start a session right now: the identify is spent, no READY follows.
            Send(connection, 9, JsonValue.Create(false));
            return;
        }

        var session = new GatewaySession
        {
            Id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)),
            Intents = intents.Value,
            Shard = shard,
        };
        _sessions[session.Id] = session;
        session.Connection = connection;
        connection.Session = session;

        var guilds = _world.Guilds.Values.Where(g => InShard(g.Id, shard)).ToList();
        SessionDispatch(session, "READY", new JsonObject
        {
            ["v"] = 10,
            ["user_settings"] = new JsonObject(),
            ["user"] = _world.BotUserJson(),
            ["guilds"] = new JsonArray([.. guilds.Select(g => (JsonNode)new JsonObject { ["id"] = Json.Id(g.Id), ["unavailable"] = true })]),
            ["session_id"] = session.Id,
            ["session_type"] = "normal",
            ["resume_gateway_url"] = Options.ResumeGatewayUrl ?? GatewayUrl,
            ["shard"] = new JsonArray(shard[0], shard[1]),
            ["application"] = new JsonObject { ["id"] = Json.Id(Options.ApplicationId), ["flags"] = 0 },
            ["private_channels"] = new JsonArray(),
            ["relationships"] = new JsonArray(),
            ["presences"] = new JsonArray(),
            ["geo_ordered_rtc_regions"] = new JsonArray(),
            ["guild_join_requests"] = new JsonArray(),
            ["_trace"] = new JsonArray("fake-discord"),
        });
        if ((session.Intents & GuildsIntent) != 0)
        {
            foreach (var guild in guilds)
            {
                SessionDispatch(session, "GUILD_CREATE", _world.GuildCreateJson(guild));
            }
        }
        _world.Publish(FakeEventKinds.GatewayIdentified, null, null, null, null,
            new JsonObject { ["session_id"] = session.Id, ["intents"] = session.Intents, ["connection"] = connection.Id });
    }

    private void Resume(GatewayConnection connection, JsonObject? d)
    {
        if (connection.Session is not null)
        {
            Close(connection, 4005, "Already authenticated.");
            return;
        }
        var token = Json.Str(d?["token"]);
        var sessionId = Json.Str(d?["session_id"]);
        if (d is null || token is null || sessionId is null)
        {
            Close(connection, 4002, "Error while decoding payload.");
            return;
        }
        if (!TokenMatches(token))
        {
            Close(connection, 4004, "Authentication failed.");
            return;
        }
        var seq = Json.Int(d["seq"]) ?? 0;
        if (!_sessions.TryGetValue(sessionId, out var session) || !Alive(session)
            || seq > session.Sequence || (session.Log.Count > 0 && seq < session.Log[0].Sequence - 1))
        {
            Send(connection, 9, JsonValue.Create(false));
            return;
        }
        if (session.Connection is { } old && old != connection)
        {
            // The client decided the old socket was a zombie; Discord drops it when the session moves.
            old.Session = null;
            old.Closing = true;
            old.Enqueue(new OutboundFrame(null, Abort: true));
        }
        session.Connection = connection;
        session.DisconnectedAt = null;
        connection.Session = session;
        Resumes++;
        foreach (var (s, frame) in session.Log)
        {
            if (s > seq)
            {
                connection.Enqueue(new OutboundFrame(frame, Dispatch: true));
            }
        }
        SessionDispatch(session, "RESUMED", new JsonObject());
        _world.Publish(FakeEventKinds.GatewayResumed, null, null, null, null,
            new JsonObject { ["session_id"] = session.Id, ["from_seq"] = seq, ["connection"] = connection.Id });
    }

    private bool TokenMatches(string token)
    {
        var bare = token.StartsWith("Bot ", StringComparison.Ordinal) ? token[4..] : token;
        return string.Equals(bare, Options.BotToken, StringComparison.Ordinal);
    }

    private static bool InShard(ulong guildId, int[] shard) => (int)((guildId >> 22) % (ulong)shard[1]) == shard[0];

    /// <summary>False once a session is invalidated or its resume window has passed.</summary>
    private bool Alive(GatewaySession session)
    {
        if (session.Invalidated)
        {
            return false;
        }
        if (session.Connection is null && session.DisconnectedAt is { } at && _world.Now - at > Options.SessionResumeWindow)
        {
            session.Invalidated = true;
            return false;
        }
        return true;
    }

    private void DispatchToAll(string eventName, JsonObject payload, long intent)
    {
        foreach (var session in _sessions.Values)
        {
            if (!Alive(session) || (intent != 0 && (session.Intents & intent) == 0))
            {
                continue;
            }
            if (payload["guild_id"] is { } g && Json.Snowflake(g) is { } guildId && !InShard(guildId, session.Shard))
            {
                continue;
            }
            SessionDispatch(session, eventName, payload);
        }
    }

    private void SessionDispatch(GatewaySession session, string eventName, JsonObject payload) =>
        SessionDispatchNode(session, eventName, payload);

    private void SessionDispatchNode(GatewaySession session, string eventName, JsonNode? payload)
    {
        var seq = ++session.Sequence;
        var frame = new JsonObject { ["t"] = eventName, ["s"] = seq, ["op"] = 0, ["d"] = payload?.DeepClone() }.ToJsonString();
        session.Log.Add((seq, frame));
        if (session.Log.Count > MaxSessionLog)
        {
            session.Log.RemoveRange(0, session.Log.Count - MaxSessionLog);
        }
        if (session.Connection is { Closing: false } connection)
        {
            connection.Enqueue(new OutboundFrame(frame, Dispatch: true));
            Dispatches++;
        }
    }

    private static void Send(GatewayConnection connection, int op, JsonNode? d) =>
        connection.Enqueue(new OutboundFrame(new JsonObject { ["t"] = null, ["s"] = null, ["op"] = op, ["d"] = d }.ToJsonString()));

    private void Close(GatewayConnection connection, int code, string reason)
    {
        if (connection.Closing)
        {
            return;
        }
        connection.Closing = true;
        if (connection.Session is { } session && code is 4004 or 4007 or 4009 or 4010 or 4011 or 4012 or 4013 or 4014)
        {
            session.Invalidated = true;
        }
        connection.Enqueue(new OutboundFrame(null, code, reason));
        // A client that never answers the close frame gets cut off, as Discord does.
        _ = Task.Delay(TimeSpan.FromSeconds(5)).ContinueWith(_ =>
        {
            if (!connection.Finished)
            {
                connection.Http.Abort();
            }
        }, TaskScheduler.Default);
    }

    private void Detach(GatewayConnection connection, WebSocketCloseStatus? clientClose)
    {
        lock (_world.Gate)
        {
            _connections.Remove(connection);
            if (connection.Session is { } session && session.Connection == connection)
            {
                session.Connection = null;
                session.DisconnectedAt = _world.Now;
                if (clientClose is WebSocketCloseStatus.NormalClosure or WebSocketCloseStatus.EndpointUnavailable)
                {
                    session.Invalidated = true;
                }
            }
            connection.Session = null;
            _world.Publish(FakeEventKinds.GatewayDisconnected, null, null, null, null, new JsonObject
            {
                ["connection"] = connection.Id,
                ["close_code"] = clientClose is { } c ? (int)c : null,
            });
        }
    }

    // ---- scripted faults (called under the world's lock by FakeDiscordServer) ----

    public List<GatewayConnection> LiveConnections() => [.. _connections.Where(c => !c.Closing)];

    public void DropAll()
    {
        foreach (var connection in LiveConnections())
        {
            connection.Closing = true;
            connection.Http.Abort();
        }
    }

    public void SendReconnect()
    {
        foreach (var connection in LiveConnections())
        {
            Send(connection, 7, null);
        }
    }

    public void SendInvalidSession(bool resumable)
    {
        foreach (var connection in LiveConnections())
        {
            Send(connection, 9, JsonValue.Create(resumable));
            if (!resumable && connection.Session is { } session)
            {
                session.Invalidated = true;
                session.Connection = null;
                connection.Session = null;
            }
        }
    }

    public void CloseAll(int code, string reason)
    {
        foreach (var connection in LiveConnections())
        {
            Close(connection, code, reason);
        }
    }

    public void RequestHeartbeat()
    {
        foreach (var connection in LiveConnections())
        {
            Send(connection, 1, connection.Session is { Sequence: > 0 } s ? JsonValue.Create(s.Sequence) : null);
        }
    }

    public IReadOnlyList<string> SessionIds() => [.. _sessions.Values.Where(Alive).Select(s => s.Id)];

    public void Reset()
    {
        DropAll();
        _sessions.Clear();
        AckHeartbeats = true;
        WithholdHello = false;
        InvalidateEveryIdentify = false;
        OutboundDelay = TimeSpan.Zero;
        Connections = Identifies = Resumes = Heartbeats = HeartbeatAcks = Dispatches = HeartbeatTimeouts = 0;
        SessionStartRemaining = Options.SessionStartLimitTotal;
    }

    public JsonObject GatewayBotJson() => new()
    {
        ["url"] = GatewayUrl,
        ["shards"] = 1,
        ["session_start_limit"] = new JsonObject
        {
            ["total"] = Options.SessionStartLimitTotal,
            ["remaining"] = SessionStartRemaining,
            ["reset_after"] = 86_400_000,
            ["max_concurrency"] = 1,
        },
    };
}
