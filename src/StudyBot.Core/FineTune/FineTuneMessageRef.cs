using System.Text.Json.Serialization;

namespace StudyBot.Core.FineTune;

/// <summary>
/// The channel message that shows a run's state and progress. When it is the command's own interaction response,
/// <see cref="InteractionToken"/> lets the transport edit it for 15 minutes after <see cref="CreatedAt"/>;
/// after that only <see cref="MessageId"/> (an ordinary bot message edit) works.
/// The token is a credential: it lives only in the memory of the process that received it and is never serialized
/// (a run stores its message without it, see <see cref="FineTuneRun.AttachMessage"/>).
/// </summary>
public sealed record FineTuneMessageRef(
    ulong ChannelId,
    ulong? MessageId,
    [property: JsonIgnore] string? InteractionToken,
    DateTimeOffset CreatedAt)
{
    /// <summary>Discord keeps interaction tokens for 15 minutes; a margin keeps an edit from racing the expiry.</summary>
    public static TimeSpan InteractionTokenLifetime { get; } = TimeSpan.FromMinutes(14);

    public bool InteractionTokenUsable(DateTimeOffset now) =>
        InteractionToken is not null && now - CreatedAt < InteractionTokenLifetime;

    /// <summary>Whether the message can still be edited at all at <paramref name="now"/>.</summary>
    public bool Editable(DateTimeOffset now) => MessageId is not null || InteractionTokenUsable(now);

    /// <summary>This reference as it may be stored: without the interaction token.</summary>
    public FineTuneMessageRef WithoutToken() => InteractionToken is null ? this : this with { InteractionToken = null };
}
