using System.Text.Json.Nodes;

namespace StudyBot.FakeDiscord.Model;

/// <summary>A guild scheduled event. Status: 1 scheduled, 2 active, 3 completed, 4 canceled.
/// Entity type: 1 stage, 2 voice, 3 external.</summary>
public sealed record FakeScheduledEvent(
    ulong Id,
    ulong GuildId,
    string Name,
    string? Description,
    int EntityType,
    int Status,
    DateTimeOffset ScheduledStart,
    DateTimeOffset? ScheduledEnd,
    string? Location,
    ulong? ChannelId,
    JsonObject Json);
