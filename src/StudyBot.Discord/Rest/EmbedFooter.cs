namespace StudyBot.Discord.Rest;

public sealed record EmbedFooter(string Text, string? IconUrl = null);
