using System.Text.Json.Nodes;

namespace StudyBot.FakeDiscord.Model;

/// <summary>
/// A snapshot of a message the bot posted (channel message, interaction response or follow-up).
/// <see cref="Json"/> is exactly what the REST API returns for it; the JSON parts are copies, safe to read.
/// </summary>
public sealed record FakeMessage(
    ulong Id,
    ulong ChannelId,
    ulong? GuildId,
    string Content,
    JsonArray Embeds,
    JsonArray Components,
    IReadOnlyList<FakeAttachment> Attachments,
    int Flags,
    DateTimeOffset CreatedAt,
    DateTimeOffset? EditedAt,
    bool IsDeleted,
    ulong? InteractionId,
    ulong? InteractionUserId,
    IReadOnlyList<FakeMessageVersion> History,
    JsonObject Json)
{
    /// <summary>Ephemeral messages are visible only to <see cref="InteractionUserId"/>.</summary>
    public bool IsEphemeral => (Flags & 64) != 0;

    /// <summary>True while a deferred ("thinking…") response has not been edited yet.</summary>
    public bool IsLoading => (Flags & 128) != 0;
}
