namespace StudyBot.Training.Data;

/// <summary>The shapes of training data the trainer accepts.</summary>
public enum DatasetFormat
{
    /// <summary>A plain UTF-8 text file: one document, packed into sequences.</summary>
    PlainText,

    /// <summary>JSON Lines with <c>{"text": …}</c> on every line: documents packed into sequences.</summary>
    JsonlText,

    /// <summary>JSON Lines with <c>{"prompt": …, "completion": …}</c>: one padded sequence per line, loss on the completion only.</summary>
    JsonlPromptCompletion,
}
