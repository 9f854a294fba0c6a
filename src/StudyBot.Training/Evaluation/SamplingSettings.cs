namespace StudyBot.Training.Evaluation;

/// <summary>Length and randomness of report samples; the sampled decoding of prompt i uses seed <see cref="Seed"/> + i.</summary>
public sealed record SamplingSettings(int MaxNewTokens, double Temperature, int TopK, long Seed);
