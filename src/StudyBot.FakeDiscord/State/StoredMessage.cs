using System.Text.Json.Nodes;
using StudyBot.FakeDiscord.Model;

namespace StudyBot.FakeDiscord.State;

/// <summary>Mutable message state, only touched under the world's lock; readers get <see cref="FakeMessage"/> snapshots.</summary>
internal sealed class StoredMessage
{
    public required ulong Id { get; init; }
    public required ulong ChannelId { get; init; }
    public ulong? GuildId { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public int Type { get; init; }
    public string Content { get; set; } = "";
    public JsonArray Embeds { get; set; } = [];
    public JsonArray Components { get; set; } = [];
    public List<FakeAttachment> Attachments { get; set; } = [];
    public int Flags { get; set; }
    public DateTimeOffset? EditedAt { get; set; }
    public bool Deleted { get; set; }
    public ulong? InteractionId { get; init; }
    public ulong? InteractionUserId { get; init; }
    public bool FromWebhook { get; init; }
    public JsonObject? InteractionMetadata { get; init; }
    public JsonObject? MessageReference { get; init; }
    public ulong? ThreadId { get; set; }
    public List<FakeMessageVersion> History { get; } = [];

    public void RecordVersion(DateTimeOffset at) =>
        History.Add(new FakeMessageVersion(at, Content, Rest.Json.Normalize(Embeds), Rest.Json.Normalize(Components), [.. Attachments], Flags));
}
