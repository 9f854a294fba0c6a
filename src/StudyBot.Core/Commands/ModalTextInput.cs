namespace StudyBot.Core.Commands;

public sealed record ModalTextInput(
    string CustomId,
    string Label,
    TextInputStyle Style = TextInputStyle.Short,
    bool Required = true,
    int? MinLength = null,
    int? MaxLength = null,
    string? Placeholder = null,
    string? Value = null);
