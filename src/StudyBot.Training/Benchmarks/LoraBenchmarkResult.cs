using System.Text.Json;
using System.Text.Json.Serialization;

namespace StudyBot.Training.Benchmarks;

/// <summary>
/// One benchmark row with exactly the fields of shared/bench/peft_lora_bench.py. <see cref="PeakMemMib"/> is, on
/// CUDA, the most device memory NVML saw in use during the timed steps minus what was in use before the model was
/// created. TorchSharp 0.107 exposes no allocator statistics, so this counts the CUDA context and the caching
/// allocator's reserved blocks, not only live tensors as PyTorch's max_memory_allocated does: it can only read
/// higher than the reference's figure. On CPU it is the process's peak resident set (VmHWM), which includes the
/// .NET runtime and libtorch themselves.
/// </summary>
public sealed record LoraBenchmarkResult(
    [property: JsonPropertyName("impl")] string Impl,
    [property: JsonPropertyName("layers")] int Layers,
    [property: JsonPropertyName("embd")] int Embd,
    [property: JsonPropertyName("batch")] int Batch,
    [property: JsonPropertyName("seq")] int Seq,
    [property: JsonPropertyName("rank")] int Rank,
    [property: JsonPropertyName("trainable")] long Trainable,
    [property: JsonPropertyName("tokens_per_s")] long TokensPerS,
    [property: JsonPropertyName("ms_per_step")] double MsPerStep,
    [property: JsonPropertyName("peak_mem_mib")] long? PeakMemMib,
    [property: JsonPropertyName("loss")] double Loss)
{
    public const string Implementation = "studybot-torchsharp";

    private static readonly JsonSerializerOptions LineOptions = new() { WriteIndented = false };

    /// <summary>The result as one JSON line, like the reference script prints.</summary>
    public string ToJsonLine() => JsonSerializer.Serialize(this, LineOptions);
}
