namespace StudyBot.Discord.Rest;

public sealed record DiscordUser
{
    public ulong Id { get; init; }
    public string Username { get; init; } = "";
    public string? GlobalName { get; init; }
    public bool? Bot { get; init; }
}
