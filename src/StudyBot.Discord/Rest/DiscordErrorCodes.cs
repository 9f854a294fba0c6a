namespace StudyBot.Discord.Rest;

/// <summary>Discord JSON error codes the transport reacts to.</summary>
public static class DiscordErrorCodes
{
    public const int UnknownWebhook = 10015;
    public const int UnknownInteraction = 10062;
    public const int InteractionAlreadyAcknowledged = 40060;
    public const int InvalidWebhookToken = 50027;
    public const int InvalidFormBody = 50035;
}
