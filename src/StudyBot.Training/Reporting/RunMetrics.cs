using StudyBot.Training.Devices;
using StudyBot.Training.Evaluation;
using StudyBot.Training.Training;

namespace StudyBot.Training.Reporting;

/// <summary>The content of metrics.json.</summary>
public sealed record RunMetrics(
    TrainingOutcome Outcome,
    FineTuneSettings Settings,
    string Device,
    DeviceReport DeviceDetails,
    DatasetSummary Dataset,
    long TrainableParameters,
    int StepsCompleted,
    int TotalSteps,
    int? ResumedFromStep,
    long TokensPerStep,
    double TokensPerSecond,
    EvaluationResult? Before,
    EvaluationResult? After,
    IReadOnlyList<StepRecord> Steps,
    IReadOnlyList<EvaluationPoint> Evaluations,
    RunTimings Timings);
