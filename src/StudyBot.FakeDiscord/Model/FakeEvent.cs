using System.Text.Json.Nodes;

namespace StudyBot.FakeDiscord.Model;

/// <summary>Something observable happened in the fake; <see cref="Kind"/> is one of <see cref="FakeEventKinds"/>.
/// <see cref="Sequence"/> increases by one per event, so a poller can ask for everything after the last it saw.</summary>
public sealed record FakeEvent(
    long Sequence,
    string Kind,
    DateTimeOffset At,
    ulong? GuildId,
    ulong? ChannelId,
    ulong? MessageId,
    ulong? InteractionId,
    JsonNode? Payload);
