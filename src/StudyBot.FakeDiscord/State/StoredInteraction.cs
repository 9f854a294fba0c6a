using System.Text.Json.Nodes;
using StudyBot.FakeDiscord.Model;

namespace StudyBot.FakeDiscord.State;

/// <summary>An interaction the fake sent, with the bot's response to it so far; guarded by the world's lock.</summary>
internal sealed class StoredInteraction
{
    public required ulong Id { get; init; }
    public required string Token { get; init; }
    public required int Type { get; init; }
    public required ulong GuildId { get; init; }
    public required ulong ChannelId { get; init; }
    public required ulong UserId { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public required JsonObject Payload { get; init; }


    /// <summary>For component interactions: the message the component is on (the "original" after types 6/7).</summary>
    public ulong? SourceMessageId { get; init; }

    public FakeInteractionCallback? Callback { get; set; }
    public ulong? OriginalMessageId { get; set; }
    public List<ulong> FollowupIds { get; } = [];
    public JsonObject? Modal { get; set; }

    public TaskCompletionSource<FakeInteractionCallback> CallbackReceived { get; } =
        new(TaskCreationOptions.RunContinuationsAsynchronously);
}
