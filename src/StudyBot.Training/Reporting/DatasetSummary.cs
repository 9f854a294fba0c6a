using StudyBot.Training.Data;

namespace StudyBot.Training.Reporting;

/// <summary>The data a run trained on, as metrics.json records it.</summary>
public sealed record DatasetSummary(
    string Source,
    DatasetFormat Format,
    int TrainSequences,
    int ValidationSequences,
    int SequenceLength,
    long Tokens,
    int TruncatedExamples)
{
    public static DatasetSummary From(TokenizedDataset dataset)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        return new(dataset.SourceName, dataset.Format, dataset.Train.Count, dataset.Validation.Count, dataset.SequenceLength, dataset.TotalTokens, dataset.TruncatedExamples);
    }
}
