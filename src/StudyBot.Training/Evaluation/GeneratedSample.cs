namespace StudyBot.Training.Evaluation;

/// <summary>What the model wrote for one prompt with one decoding, before and (when finished) after fine-tuning.</summary>
public sealed record GeneratedSample(string Prompt, string Decoding, string Before, string? After);
