namespace StudyBot.Discord.Rest;

public sealed record EmbedMedia(string Url);
