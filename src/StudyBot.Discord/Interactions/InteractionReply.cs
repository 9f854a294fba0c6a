using StudyBot.Discord.Rest;

namespace StudyBot.Discord.Interactions;

/// <summary>A message the handler answers with. Mentions are off unless <c>AllowedMentions</c> says otherwise.</summary>
public sealed record InteractionReply
{
    public string? Content { get; init; }
    public IReadOnlyList<Embed>? Embeds { get; init; }
    public IReadOnlyList<MessageComponent>? Components { get; init; }
    public IReadOnlyList<FileUpload> Files { get; init; } = [];

    /// <summary>Only the invoking member sees it. Past the 15-minute token life an ephemeral reply cannot be sent.</summary>
    public bool Ephemeral { get; init; }

    public AllowedMentions AllowedMentions { get; init; } = AllowedMentions.None;

    public static InteractionReply Text(string content, bool ephemeral = false) => new() { Content = content, Ephemeral = ephemeral };

    public MessageRequest ToMessage() => new()
    {
        Content = Content,
        Embeds = Embeds,
        Components = Components,
        Files = Files,
        AllowedMentions = AllowedMentions,
        Flags = Ephemeral ? MessageFlags.Ephemeral : null,
    };
}
