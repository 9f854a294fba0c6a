using StudyBot.Training.Devices;

namespace StudyBot.Training.Benchmarks;

/// <summary>
/// One benchmark configuration, mirroring shared/bench/peft_lora_bench.py: a random-init GPT-2 of this size, LoRA of
/// rank <see cref="Rank"/> (alpha = 2·rank) on <see cref="Targets"/>, AdamW (lr 2e-4, no weight decay), clipping at
/// 1.0, <see cref="Warmup"/> untimed then <see cref="Steps"/> timed steps on one fixed batch of random tokens.
/// </summary>
public sealed record LoraBenchmarkOptions(
    int Layers = 12,
    int Embd = 768,
    int Heads = 12,
    int Batch = 8,
    int Seq = 1024,
    int Rank = 8,
    int Steps = 30,
    int Warmup = 5,
    DeviceChoice Device = DeviceChoice.Auto,
    int VocabSize = 50257,
    int Seed = 0,
    string? LibTorchDirectory = null,
    IReadOnlyList<string>? Targets = null)
{
    /// <summary>Returns null when usable, otherwise what is wrong.</summary>
    public string? Problem()
    {
        if (Layers <= 0 || Embd <= 0 || Heads <= 0 || Batch <= 0 || Seq <= 0 || Rank <= 0 || Steps <= 0 || Warmup < 0 || VocabSize <= 1)
        {
            return "layers, embd, heads, batch, seq, rank, steps and vocab must be positive and warmup not negative.";
        }

        return Embd % Heads != 0 ? $"embd ({Embd}) must be divisible by heads ({Heads})." : null;
    }
}
