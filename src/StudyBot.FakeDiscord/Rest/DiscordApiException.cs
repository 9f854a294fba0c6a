using System.Text.Json.Nodes;

namespace StudyBot.FakeDiscord.Rest;

/// <summary>Thrown by endpoint code; the pipeline turns it into Discord's JSON error <c>{code, message, errors?}</c>.</summary>
internal sealed class DiscordApiException(int status, int code, string message, JsonObject? errors = null)
    : Exception(message)
{
    public int Status { get; } = status;
    public int Code { get; } = code;
    public JsonObject? Errors { get; } = errors;

    public static DiscordApiException UnknownChannel() => new(404, 10003, "Unknown Channel");
    public static DiscordApiException UnknownGuild() => new(404, 10004, "Unknown Guild");
    public static DiscordApiException UnknownMessage() => new(404, 10008, "Unknown Message");
    public static DiscordApiException UnknownWebhook() => new(404, 10015, "Unknown Webhook");
    public static DiscordApiException UnknownApplication() => new(404, 10002, "Unknown Application");
    public static DiscordApiException UnknownInteraction() => new(404, 10062, "Unknown interaction");
    public static DiscordApiException UnknownScheduledEvent() => new(404, 10070, "Unknown Guild Scheduled Event");
    public static DiscordApiException AlreadyAcknowledged() => new(400, 40060, "Interaction has already been acknowledged.");
    public static DiscordApiException InvalidWebhookToken() => new(401, 50027, "Invalid Webhook Token");
    public static DiscordApiException EmptyMessage() => new(400, 50006, "Cannot send an empty message");
    public static DiscordApiException InvalidJson() => new(400, 50109, "The request body contains invalid JSON.");
    public static DiscordApiException InvalidForm(JsonObject errors) => new(400, 50035, "Invalid Form Body", errors);
}
