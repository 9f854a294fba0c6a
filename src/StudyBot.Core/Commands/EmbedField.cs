namespace StudyBot.Core.Commands;

public sealed record EmbedField(string Name, string Value, bool Inline = false);
