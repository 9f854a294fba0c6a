namespace StudyBot.Core.FineTune;

/// <summary>Generate text with a base model plus the LoRA adapter a finished run trained.</summary>
/// <param name="RunDirectory">The run's folder; its adapter/ holds adapter_model.safetensors and adapter_config.json.</param>
/// <param name="ModelDirectory">The base model's Hugging Face folder.</param>
public sealed record AdapterSampleRequest(
    string RunDirectory,
    string ModelDirectory,
    string Prompt,
    int MaxNewTokens,
    double Temperature,
    int TopK,
    int Seed);
