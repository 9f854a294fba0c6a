namespace StudyBot.Core.FineTune;

/// <summary>The latest progress the trainer reported.</summary>
/// <param name="Eta">Estimated time to finish; null until the trainer can tell.</param>
public sealed record FineTuneProgress(
    int Step,
    int TotalSteps,
    double Loss,
    double LearningRate,
    double TokensPerSecond,
    TimeSpan? Eta,
    DateTimeOffset ReportedAt)
{
    public double Fraction => TotalSteps <= 0 ? 0 : Math.Clamp((double)Step / TotalSteps, 0, 1);
}
