using StudyBot.Training.Devices;
using StudyBot.Training.Evaluation;
using StudyBot.Training.Training;

namespace StudyBot.Training.Reporting;

/// <summary>
/// The content of metrics.json. <see cref="TokensPerStep"/> and <see cref="TokensPerSecond"/> count real input tokens
/// (the mean per completed step, and over optimizer-step time): the padding of short prompt/completion examples is
/// not counted, so they are below batch × accumulation × seq_len for such data.
/// </summary>
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
