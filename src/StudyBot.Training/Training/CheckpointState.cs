using StudyBot.Training.Evaluation;

namespace StudyBot.Training.Training;

/// <summary>
/// The host-side half of a checkpoint (state.json); the LoRA weights and AdamW moments sit beside it. Data order
/// and dropout randomness are pure functions of (seed, step), so the step number is all the RNG state a resume needs.
/// </summary>
public sealed record CheckpointState(
    int Step,
    int TotalSteps,
    string Fingerprint,
    IReadOnlyList<StepRecord> Steps,
    IReadOnlyList<EvaluationPoint> Evaluations,
    EvaluationResult? Before,
    IReadOnlyList<SampleText> BeforeSamples,
    double TrainingSeconds,
    long TokensProcessed);
