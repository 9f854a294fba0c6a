namespace StudyBot.Core.FineTune;

/// <summary>A base model on the host: a Hugging Face folder with config.json and model.safetensors.</summary>
public sealed record FineTuneModelInfo(string Name, string Directory, long SizeBytes);
