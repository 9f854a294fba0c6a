namespace StudyBot.Core.FineTune;

/// <summary>A text generated for a prompt by the base model (before) and with the trained adapter (after).</summary>
public sealed record FineTuneSample(string Prompt, string Before, string After);
