namespace StudyBot.Training.Data;

/// <summary>Training and validation sequences, all <see cref="SequenceLength"/> long, and counts for the report.</summary>
public sealed record TokenizedDataset(
    string SourceName,
    DatasetFormat Format,
    int SequenceLength,
    IReadOnlyList<TrainingExample> Train,
    IReadOnlyList<TrainingExample> Validation,
    long TotalTokens,
    int TruncatedExamples);
