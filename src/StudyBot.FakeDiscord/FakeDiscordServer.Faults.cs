namespace StudyBot.FakeDiscord;

// Control API: scripted faults.
public sealed partial class FakeDiscordServer
{
    /// <summary>Aborts every gateway socket without a close frame (a network drop); sessions stay resumable.</summary>
    public void DropGatewayConnections()
    {
        lock (_world.Gate)
        {
            _hub.DropAll();
        }
    }

    /// <summary>While false, heartbeats are counted but not ACKed (to provoke zombie detection).</summary>
    public bool AckHeartbeats
    {
        get
        {
            lock (_world.Gate)
            {
                return _hub.AckHeartbeats;
            }
        }
        set
        {
            lock (_world.Gate)
            {
                _hub.AckHeartbeats = value;
            }
        }
    }

    /// <summary>Delay before each outbound dispatch (op 0 event), as when Discord delivers or replays events late;
    /// zero to turn off. Hello, heartbeat ACKs and other control frames are not held back, so a heartbeat that falls
    /// in the delayed spell does not leave its ACK queued, delayed, ahead of the events sent once the delay is off.</summary>
    public TimeSpan GatewayOutboundDelay
    {
        get
        {
            lock (_world.Gate)
            {
                return _hub.OutboundDelay;
            }
        }
        set
        {
            lock (_world.Gate)
            {
                _hub.OutboundDelay = value;
            }
        }
    }

    /// <summary>While true, new gateway connections get no Hello (op 10): a server that accepted the socket and went silent.</summary>
    public bool WithholdHello
    {
        get
        {
            lock (_world.Gate)
            {
                return _hub.WithholdHello;
            }
        }
        set
        {
            lock (_world.Gate)
            {
                _hub.WithholdHello = value;
            }
        }
    }

    /// <summary>
    /// While true, every valid Identify is counted and spends one from session_start_limit, then is answered with
    /// op 9 Invalid Session (d=false) instead of READY: a server that never lets the bot start a session.
    /// </summary>
    public bool InvalidateEveryIdentify
    {
        get
        {
            lock (_world.Gate)
            {
                return _hub.InvalidateEveryIdentify;
            }
        }
        set
        {
            lock (_world.Gate)
            {
                _hub.InvalidateEveryIdentify = value;
            }
        }
    }

    /// <summary>Sends op 7 Reconnect on every connection.</summary>
    public void SendReconnect()
    {
        lock (_world.Gate)
        {
            _hub.SendReconnect();
        }
    }

    /// <summary>Sends op 9 Invalid Session; with <paramref name="resumable"/> false the sessions are also killed.</summary>
    public void SendInvalidSession(bool resumable)
    {
        lock (_world.Gate)
        {
            _hub.SendInvalidSession(resumable);
        }
    }

    /// <summary>Closes every connection with a close frame carrying <paramref name="code"/> (e.g. 4000, 4004, 4009).
    /// Codes that end a session on Discord (4004, 4007, 4009–4014) invalidate it here too.</summary>
    public void CloseGatewayConnections(int code, string reason = "")
    {
        if (code is < 1000 or > 4999)
        {
            throw new ArgumentOutOfRangeException(nameof(code), code, "WebSocket close codes are 1000..4999.");
        }
        lock (_world.Gate)
        {
            _hub.CloseAll(code, reason);
        }
    }

    /// <summary>Sends op 1 (the server asking for an immediate heartbeat).</summary>
    public void RequestHeartbeat()
    {
        lock (_world.Gate)
        {
            _hub.RequestHeartbeat();
        }
    }

    /// <summary>
    /// The next <paramref name="count"/> REST requests whose "METHOD /path" (path without /api/v10, e.g.
    /// "POST /channels/123/messages") matches the regex <paramref name="routePattern"/> get a 429.
    /// </summary>
    public void InjectRateLimit(string routePattern, int count, TimeSpan retryAfter, bool global = false)
    {
        ArgumentException.ThrowIfNullOrEmpty(routePattern);
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        _limiter.Inject(routePattern, count, retryAfter, global);
    }
}
