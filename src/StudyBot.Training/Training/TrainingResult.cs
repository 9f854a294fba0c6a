using StudyBot.Training.Devices;
using StudyBot.Training.Evaluation;

namespace StudyBot.Training.Training;

/// <summary>What a finished or cancelled run produced; the same facts are written to metrics.json.</summary>
public sealed record TrainingResult(
    TrainingOutcome Outcome,
    int StepsCompleted,
    int TotalSteps,
    int? ResumedFromStep,
    EvaluationResult? Before,
    EvaluationResult? After,
    IReadOnlyList<StepRecord> Steps,
    IReadOnlyList<EvaluationPoint> Evaluations,
    IReadOnlyList<GeneratedSample> Samples,
    RunOutputPaths Outputs,
    TimeSpan Duration,
    TimeSpan TrainingTime,
    double TokensPerSecond,
    long TrainableParameters,
    DeviceReport Device);
