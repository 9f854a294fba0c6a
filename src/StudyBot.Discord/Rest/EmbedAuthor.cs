namespace StudyBot.Discord.Rest;

public sealed record EmbedAuthor(string Name, string? Url = null, string? IconUrl = null);
