namespace StudyBot.Discord.Rest;

public sealed record DiscordChannel
{
    public ulong Id { get; init; }
    public int Type { get; init; }
    public string? Name { get; init; }
    public ulong? GuildId { get; init; }
    public ulong? ParentId { get; init; }
}
