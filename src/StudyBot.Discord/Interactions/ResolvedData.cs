using StudyBot.Discord.Rest;

namespace StudyBot.Discord.Interactions;

public sealed record ResolvedData(IReadOnlyDictionary<ulong, DiscordUser> Users, IReadOnlyDictionary<ulong, DiscordAttachment> Attachments)
{
    public static ResolvedData Empty { get; } = new(new Dictionary<ulong, DiscordUser>(), new Dictionary<ulong, DiscordAttachment>());
}
