namespace StudyBot.Discord;

/// <summary>Redacts secrets (bot token, interaction tokens) for anything humans may read.</summary>
public static class DiscordSecret
{
    public static string Redact(string? secret)
    {
        if (string.IsNullOrEmpty(secret))
        {
            return "(none)";
        }

        // Three characters identify which token is configured without giving away anything usable.
        return secret.Length <= 6 ? "(redacted)" : string.Concat(secret.AsSpan(0, 3), "…(redacted)");
    }
}
