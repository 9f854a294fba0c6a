namespace StudyBot.Core.Commands;

/// <summary>A modal (pop-up form) to show the member; its submit comes back as a <see cref="ModalSubmitRequest"/>
/// with the same custom id.</summary>
public sealed record ModalResponse(string CustomId, string Title, IReadOnlyList<ModalTextInput> Inputs);
