namespace StudyBot.Training.Data;

/// <summary>
/// One training sequence: <see cref="InputIds"/> and the token each position should predict (<see cref="Labels"/>,
/// already shifted by one; <see cref="IgnoreIndex"/> where no loss is taken: prompt tokens and padding).
/// <see cref="TokenCount"/> is how many leading input positions hold real tokens; the rest are padding (throughput
/// counts only real tokens).
/// </summary>
public sealed record TrainingExample(int[] InputIds, int[] Labels, int TokenCount)
{
    public const int IgnoreIndex = -100;

    public int LabelCount => Labels.Count(l => l != IgnoreIndex);
}
