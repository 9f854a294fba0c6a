namespace StudyBot.Discord.Rest;

public sealed record DiscordMessage
{
    public ulong Id { get; init; }
    public ulong ChannelId { get; init; }
    public string? Content { get; init; }
    public DiscordUser? Author { get; init; }
    public IReadOnlyList<Embed>? Embeds { get; init; }
    public IReadOnlyList<MessageComponent>? Components { get; init; }
    public IReadOnlyList<DiscordAttachment>? Attachments { get; init; }
    public MessageFlags? Flags { get; init; }
    public DateTimeOffset? Timestamp { get; init; }
}
