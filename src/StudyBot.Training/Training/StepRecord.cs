namespace StudyBot.Training.Training;

/// <summary>One optimizer step as recorded in metrics.json (step is 1-based).</summary>
public sealed record StepRecord(int Step, double Loss, double LearningRate, double GradNorm);
