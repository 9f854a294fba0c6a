namespace StudyBot.Discord.Rest;

public sealed record SelectOption(string Label, string Value, string? Description = null, bool? Default = null);
