namespace StudyBot.Training.Evaluation;

/// <summary>
/// How to continue a prompt: greedy when <see cref="Temperature"/> is 0, otherwise sampling from the
/// temperature-scaled distribution restricted to the <see cref="TopK"/> likeliest tokens (0: no restriction),
/// with its own seeded generator so samples repeat.
/// </summary>
public sealed record GenerationOptions(int MaxNewTokens = 48, double Temperature = 0.0, int TopK = 0, long Seed = 0)
{
    public bool IsGreedy => Temperature <= 0;

    public static GenerationOptions Greedy(int maxNewTokens) => new(maxNewTokens);
}
