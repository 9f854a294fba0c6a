namespace StudyBot.Core.Commands;

public sealed record SelectMenuOption(string Label, string Value, string? Description = null, bool Default = false);
