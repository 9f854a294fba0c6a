namespace StudyBot.Discord;

/// <summary>How interactions reach the bot: over the outbound gateway WebSocket or via an HTTPS endpoint.</summary>
public enum DiscordMode
{
    Gateway,
    Http,
}
