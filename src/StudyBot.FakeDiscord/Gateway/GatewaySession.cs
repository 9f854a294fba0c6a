namespace StudyBot.FakeDiscord.Gateway;

/// <summary>A gateway session: its sequence, every dispatch it was sent (for Resume replay), and the connection
/// currently carrying it, if any. Guarded by the world's lock.</summary>
internal sealed class GatewaySession
{
    public required string Id { get; init; }
    public required long Intents { get; init; }
    public required int[] Shard { get; init; }
    public long Sequence { get; set; }
    public List<(long Sequence, string Frame)> Log { get; } = [];
    public GatewayConnection? Connection { get; set; }
    public DateTimeOffset? DisconnectedAt { get; set; }
    public bool Invalidated { get; set; }
}
