namespace StudyBot.Training.Data;

/// <summary>What a data file holds, as far as can be told without a tokenizer.</summary>
public sealed record DatasetInspection(string FileName, DatasetFormat Format, long SizeBytes, int RecordCount, long CharacterCount);
