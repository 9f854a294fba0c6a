using System.Text.Json;

namespace StudyBot.Discord.Gateway;

/// <summary>
/// One dispatch (op 0) event: its name (e.g. INTERACTION_CREATE), sequence number, raw data, and when it came off
/// the socket. Interaction deadlines count from Discord's creation time in the interaction id, or from this receipt
/// when that is earlier, never from when a worker picked the event up.
/// </summary>
public sealed record GatewayDispatch(string EventType, long? Sequence, JsonElement Data, DateTimeOffset ReceivedAt);
