namespace StudyBot.Training.Data;

/// <summary>How to turn records into sequences: length, share held out for validation, and the split's seed.</summary>
public sealed record DatasetBuildOptions(int SequenceLength, double ValidationFraction = 0.1, int Seed = 42);
