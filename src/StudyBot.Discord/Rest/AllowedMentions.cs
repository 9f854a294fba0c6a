namespace StudyBot.Discord.Rest;

/// <summary>Which mentions in a message ping; <see cref="None"/> keeps bot output from pinging anyone.</summary>
public sealed record AllowedMentions
{
    public IReadOnlyList<string> Parse { get; init; } = [];
    public IReadOnlyList<ulong>? Users { get; init; }
    public IReadOnlyList<ulong>? Roles { get; init; }
    public bool? RepliedUser { get; init; }

    public static AllowedMentions None { get; } = new();
}
