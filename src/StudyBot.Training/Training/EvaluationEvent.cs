namespace StudyBot.Training.Training;

/// <summary>A validation measurement; <see cref="Phase"/> is "before", "during" or "after".</summary>
public sealed record EvaluationEvent(int Step, string Phase, double ValidationLoss, double Perplexity) : TrainingEvent;
