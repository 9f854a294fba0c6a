namespace StudyBot.Training.Reporting;

/// <summary>Wall-clock facts of a run. Training time counts optimizer steps only (this session plus any resumed-from).</summary>
public sealed record RunTimings(
    DateTimeOffset StartedAt,
    DateTimeOffset FinishedAt,
    double TotalSeconds,
    double SetupSeconds,
    double TrainingSeconds,
    double EvaluationSeconds);
