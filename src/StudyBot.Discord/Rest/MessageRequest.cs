using System.Text.Json.Serialization;

namespace StudyBot.Discord.Rest;

/// <summary>Body of create/edit message, webhook follow-ups and message interaction responses.</summary>
public sealed record MessageRequest
{
    public string? Content { get; init; }
    public IReadOnlyList<Embed>? Embeds { get; init; }
    public IReadOnlyList<MessageComponent>? Components { get; init; }
    public AllowedMentions? AllowedMentions { get; init; }
    public MessageFlags? Flags { get; init; }

    /// <summary>Filled in from <see cref="Files"/> when sending; set it yourself only to keep existing attachments on edit.</summary>
    public IReadOnlyList<AttachmentReference>? Attachments { get; init; }

    [JsonIgnore]
    public IReadOnlyList<FileUpload> Files { get; init; } = [];
}
