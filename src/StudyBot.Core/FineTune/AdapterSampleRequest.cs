namespace StudyBot.Core.FineTune;

/// <summary>Generate text with a base model plus a trained LoRA adapter.</summary>
/// <param name="ModelDirectory">The base model's Hugging Face folder.</param>
/// <param name="AdapterDirectory">The folder with adapter_model.safetensors and adapter_config.json.</param>
/// <param name="Device">auto, cpu or cuda, as configured.</param>
public sealed record AdapterSampleRequest(
    string ModelDirectory,
    string AdapterDirectory,
    string Prompt,
    int MaxNewTokens,
    double Temperature,
    int TopK,
    int Seed,
    string Device);
