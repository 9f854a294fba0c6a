using StudyBot.Discord.Rest;

namespace StudyBot.Discord.Interactions;

/// <summary>One submitted modal input: text inputs carry <c>Value</c>, selects carry <c>Values</c>.</summary>
public sealed record ModalField(string CustomId, ComponentType Type, string? Value, IReadOnlyList<string> Values);
