namespace StudyBot.Discord.Rest;

public sealed record GuildScheduledEvent
{
    public ulong Id { get; init; }
    public ulong GuildId { get; init; }
    public string Name { get; init; } = "";
    public string? Description { get; init; }
    public int Status { get; init; }
    public int EntityType { get; init; }
    public ScheduledEventMetadata? EntityMetadata { get; init; }
    public DateTimeOffset? ScheduledStartTime { get; init; }
    public DateTimeOffset? ScheduledEndTime { get; init; }
}
