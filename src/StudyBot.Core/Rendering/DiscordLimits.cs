namespace StudyBot.Core.Rendering;

/// <summary>Discord's documented size limits for what the bot posts.</summary>
public static class DiscordLimits
{
    public const int MessageContent = 2000;
    public const int EmbedTitle = 256;
    public const int EmbedDescription = 4096;
    public const int EmbedFields = 25;
    public const int EmbedFieldName = 256;
    public const int EmbedFieldValue = 1024;
    public const int EmbedFooter = 2048;

    /// <summary>All text of one embed together (title, description, fields, footer, author).</summary>
    public const int EmbedTotal = 6000;
}
