using StudyBot.Discord.Rest;

namespace StudyBot.Discord.Interactions;

/// <summary>A modal to pop up (callback type 9); build inputs with <see cref="MessageComponent.LabeledTextInput"/>.</summary>
public sealed record ModalResponse(string CustomId, string Title, IReadOnlyList<MessageComponent> Components);
