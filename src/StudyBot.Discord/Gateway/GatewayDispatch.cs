using System.Text.Json;

namespace StudyBot.Discord.Gateway;

/// <summary>
/// One dispatch (op 0) event: its name (e.g. INTERACTION_CREATE), sequence number, raw data, and when it came off
/// the socket (interaction deadlines count from then, not from when a worker picked it up).
/// </summary>
public sealed record GatewayDispatch(string EventType, long? Sequence, JsonElement Data, DateTimeOffset ReceivedAt);
