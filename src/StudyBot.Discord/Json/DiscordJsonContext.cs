using System.Text.Json;
using System.Text.Json.Serialization;
using StudyBot.Discord.Commands;
using StudyBot.Discord.Gateway;
using StudyBot.Discord.Interactions.Wire;
using StudyBot.Discord.Rest;

namespace StudyBot.Discord.Json;

/// <summary>Source-generated serialisation for everything on the wire: snake_case, nulls omitted, ids as strings.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    Converters = [typeof(SnowflakeConverter)])]
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(long))]
[JsonSerializable(typeof(long?))]
[JsonSerializable(typeof(double))]
[JsonSerializable(typeof(JsonElement))]
[JsonSerializable(typeof(MessageRequest))]
[JsonSerializable(typeof(DiscordMessage))]
[JsonSerializable(typeof(DiscordChannel))]
[JsonSerializable(typeof(ThreadCreateRequest))]
[JsonSerializable(typeof(GuildScheduledEventRequest))]
[JsonSerializable(typeof(GuildScheduledEvent))]
[JsonSerializable(typeof(GatewayBotInfo))]
[JsonSerializable(typeof(InteractionCallback))]
[JsonSerializable(typeof(DiscordErrorBody))]
[JsonSerializable(typeof(List<ApplicationCommand>))]
[JsonSerializable(typeof(GatewayIncomingFrame))]
[JsonSerializable(typeof(GatewayOutgoingFrame))]
[JsonSerializable(typeof(IdentifyPayload))]
[JsonSerializable(typeof(ResumePayload))]
[JsonSerializable(typeof(HelloPayload))]
[JsonSerializable(typeof(ReadyPayload))]
[JsonSerializable(typeof(InteractionPayload))]
[JsonSerializable(typeof(CommandDataPayload))]
[JsonSerializable(typeof(ComponentDataPayload))]
[JsonSerializable(typeof(ModalDataPayload))]
internal sealed partial class DiscordJsonContext : JsonSerializerContext;
