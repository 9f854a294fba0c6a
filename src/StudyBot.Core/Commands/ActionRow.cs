namespace StudyBot.Core.Commands;

/// <summary>A row of up to five buttons, or one select menu.</summary>
public sealed record ActionRow(IReadOnlyList<MessageComponent> Components);
