namespace StudyBot.Core.Commands;

/// <summary>A fixed choice of an option, or an autocomplete suggestion. <paramref name="Value"/> is a
/// <see cref="string"/>, <see cref="long"/> or <see cref="double"/> matching the option's type.</summary>
public sealed record CommandChoice(string Name, object Value);
