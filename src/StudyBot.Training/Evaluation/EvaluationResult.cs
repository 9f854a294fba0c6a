namespace StudyBot.Training.Evaluation;

/// <summary>Token-weighted mean validation loss (nats), its perplexity exp(loss), and how many tokens were scored.</summary>
public sealed record EvaluationResult(double Loss, double Perplexity, long Tokens)
{
    public static EvaluationResult FromLoss(double loss, long tokens) =>
        new(loss, Math.Exp(Math.Min(loss, 700)), tokens);
}
