namespace StudyBot.Discord.Rest;

/// <summary>
/// Create/modify body. EXTERNAL events (<c>EntityType</c> 3) need <c>EntityMetadata.Location</c>,
/// <c>ScheduledEndTime</c> and <c>PrivacyLevel</c> 2. For PATCH leave unchanged fields null.
/// Status moves 1 scheduled → 2 active → 3 completed, or 1 → 4 canceled.
/// </summary>
public sealed record GuildScheduledEventRequest
{
    public string? Name { get; init; }
    public string? Description { get; init; }
    public int? PrivacyLevel { get; init; }
    public int? EntityType { get; init; }
    public ulong? ChannelId { get; init; }
    public ScheduledEventMetadata? EntityMetadata { get; init; }
    public DateTimeOffset? ScheduledStartTime { get; init; }
    public DateTimeOffset? ScheduledEndTime { get; init; }
    public int? Status { get; init; }
}
