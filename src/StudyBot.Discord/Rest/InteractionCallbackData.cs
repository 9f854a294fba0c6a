using System.Text.Json.Serialization;
using StudyBot.Discord.Commands;

namespace StudyBot.Discord.Rest;

/// <summary>
/// The <c>data</c> of an interaction response; which fields apply depends on the callback type
/// (message fields for 4/7, <c>Flags</c> for 5, <c>Choices</c> for 8, <c>CustomId</c>/<c>Title</c>/<c>Components</c> for 9).
/// </summary>
public sealed record InteractionCallbackData
{
    public string? Content { get; init; }
    public IReadOnlyList<Embed>? Embeds { get; init; }
    public IReadOnlyList<MessageComponent>? Components { get; init; }
    public AllowedMentions? AllowedMentions { get; init; }
    public MessageFlags? Flags { get; init; }
    public IReadOnlyList<AttachmentReference>? Attachments { get; init; }
    public IReadOnlyList<ApplicationCommandOptionChoice>? Choices { get; init; }
    public string? CustomId { get; init; }
    public string? Title { get; init; }

    [JsonIgnore]
    public IReadOnlyList<FileUpload> Files { get; init; } = [];

    public static InteractionCallbackData FromMessage(MessageRequest message) => new()
    {
        Content = message.Content,
        Embeds = message.Embeds,
        Components = message.Components,
        AllowedMentions = message.AllowedMentions,
        Flags = message.Flags,
        Attachments = message.Attachments,
        Files = message.Files,
    };
}
