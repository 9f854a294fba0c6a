namespace StudyBot.Core.FineTune;

/// <summary>Where a run's training data came from.</summary>
/// <param name="Name">The attachment's file name, the paper's slug or the built-in sample's name.</param>
/// <param name="Url">The attachment's download address; null for papers and samples.</param>
/// <param name="SizeBytes">The size of the data as stored in the run folder.</param>
public sealed record FineTuneDatasetSource(FineTuneDatasetKind Kind, string Name, string? Url, long SizeBytes)
{
    public string Describe() => Kind switch
    {
        FineTuneDatasetKind.Attachment => $"attachment `{Name}`",
        FineTuneDatasetKind.Paper => $"paper note `{Name}`",
        _ => $"built-in sample `{Name}`",
    };
}
