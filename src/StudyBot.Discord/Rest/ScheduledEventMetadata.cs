namespace StudyBot.Discord.Rest;

public sealed record ScheduledEventMetadata(string? Location);
