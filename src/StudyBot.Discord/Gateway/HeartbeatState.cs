namespace StudyBot.Discord.Gateway;

/// <summary>
/// Whether the last heartbeat was acknowledged; a beat due while one is still unacknowledged means a zombie —
/// unless the receive loop was held up on a full dispatch queue since the last beat. Then the ACK is most likely
/// sitting unread in the socket, so the beat is sent anyway and the connection is not declared dead.
/// </summary>
internal sealed class HeartbeatState
{
    private int awaitingAck;
    private int stalled;
    private int stalledSinceBeat;

    public bool Zombie { get; set; }

    /// <summary>True when the next heartbeat may go out; false when the last one went unacknowledged for no good reason.</summary>
    public bool TryBeginBeat()
    {
        var acknowledged = Interlocked.Exchange(ref awaitingAck, 1) == 0;

        // Excuse this beat if the receive loop stalled at any point since the last one; keep the flag while it still is.
        var excused = Interlocked.Exchange(ref stalledSinceBeat, Volatile.Read(ref stalled)) == 1;
        return acknowledged || excused;
    }

    public void Acknowledged() => Interlocked.Exchange(ref awaitingAck, 0);

    /// <summary>The receive loop starts waiting for room in the dispatch queue (it reads nothing, ACKs included, meanwhile).</summary>
    public void ReceiveStalled()
    {
        Volatile.Write(ref stalled, 1);
        Volatile.Write(ref stalledSinceBeat, 1);
    }

    /// <summary>The receive loop reads frames again.</summary>
    public void ReceiveResumed() => Volatile.Write(ref stalled, 0);
}
