namespace StudyBot.Training.Evaluation;

/// <summary>One continuation of a prompt with one decoding ("greedy" or "sampled").</summary>
public sealed record SampleText(string Prompt, string Decoding, string Text);
