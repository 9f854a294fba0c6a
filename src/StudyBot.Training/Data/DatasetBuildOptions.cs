namespace StudyBot.Training.Data;

/// <summary>
/// How to turn records into sequences: length, share held out for validation, and the seed of the split. The split
/// seed is not the training seed: runs that differ only in seed are scored on the same held-out sequences, so their
/// validation losses can be compared (the trainer always uses <see cref="DefaultSplitSeed"/>).
/// </summary>
public sealed record DatasetBuildOptions(int SequenceLength, double ValidationFraction = 0.1, int SplitSeed = DatasetBuildOptions.DefaultSplitSeed)
{
    public const int DefaultSplitSeed = 42;
}
