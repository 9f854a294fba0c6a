using StudyBot.Discord.Rest;

namespace StudyBot.Discord.Interactions;

/// <summary>A button click or select choice; <c>Values</c> is empty for buttons.</summary>
public sealed record ComponentData(string CustomId, ComponentType ComponentType, IReadOnlyList<string> Values);
