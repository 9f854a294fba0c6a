namespace StudyBot.Core.FineTune;

/// <summary>Text generated with a trained adapter ("Sample again").</summary>
/// <param name="Text">The continuation, without the prompt.</param>
/// <param name="Device">The device the sampler was told to use (auto, cpu, cuda or cuda:N).</param>
/// <param name="Note">A member-facing sentence about how it was sampled (e.g. on the CPU while a run trains), or null.</param>
public sealed record AdapterSample(string Text, string Device, string? Note = null);
