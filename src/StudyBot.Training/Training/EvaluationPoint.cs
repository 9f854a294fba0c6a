namespace StudyBot.Training.Training;

/// <summary>A validation measurement at a step (0 = before training) as recorded in metrics.json.</summary>
public sealed record EvaluationPoint(int Step, string Phase, double Loss, double Perplexity)
{
    public const string Before = "before";
    public const string During = "during";
    public const string After = "after";
}
