namespace StudyBot.Training.Data;

/// <summary>
/// One document read from a data file, before tokenization. Either <see cref="Text"/> is set, or
/// <see cref="Prompt"/> and <see cref="Completion"/> are.
/// </summary>
public sealed record DatasetRecord(int LineNumber, string? Text, string? Prompt, string? Completion)
{
    public static DatasetRecord ForText(int lineNumber, string text) => new(lineNumber, text, null, null);

    public static DatasetRecord ForPromptCompletion(int lineNumber, string prompt, string completion) =>
        new(lineNumber, null, prompt, completion);

    public long CharacterCount => (Text?.Length ?? 0) + (Prompt?.Length ?? 0) + (Completion?.Length ?? 0);
}
