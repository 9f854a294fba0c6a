namespace StudyBot.Discord.Gateway;

/// <summary>Whether the last heartbeat was acknowledged; a beat due while one is still unacknowledged means a zombie.</summary>
internal sealed class HeartbeatState
{
    private int awaitingAck;

    public bool Zombie { get; set; }

    public bool TryBeginBeat() => Interlocked.Exchange(ref awaitingAck, 1) == 0;

    public void Acknowledged() => Interlocked.Exchange(ref awaitingAck, 0);
}
