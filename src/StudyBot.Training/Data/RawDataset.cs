namespace StudyBot.Training.Data;

/// <summary>A data file read and checked, not yet tokenized.</summary>
public sealed record RawDataset(string SourceName, DatasetFormat Format, long SizeBytes, IReadOnlyList<DatasetRecord> Records)
{
    public long CharacterCount => Records.Sum(r => r.CharacterCount);
}
