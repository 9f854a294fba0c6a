using System.Text.Json;
using StudyBot.Training.Benchmarks;
using StudyBot.Training.Devices;

namespace StudyBot.Training.Tests.Benchmarks;

public sealed class LoraBenchmarkTests
{
    [Fact]
    public void Tiny_configuration_prints_one_json_line_with_the_reference_fields()
    {
        var options = new LoraBenchmarkOptions(Layers: 2, Embd: 32, Heads: 2, Batch: 2, Seq: 16, Rank: 4, Steps: 3, Warmup: 1, Device: DeviceChoice.Cpu, VocabSize: 300);

        var result = LoraBenchmark.Run(options);
        var line = result.ToJsonLine();

        using var json = JsonDocument.Parse(line);
        Assert.DoesNotContain('\n', line);
        Assert.Equal(
            ["impl", "layers", "embd", "batch", "seq", "rank", "trainable", "tokens_per_s", "ms_per_step", "peak_mem_mib", "loss"],
            json.RootElement.EnumerateObject().Select(p => p.Name));
        Assert.Equal("studybot-torchsharp", result.Impl);
        // c_attn is 32 → 96 in each of 2 layers: A is [4, 32], B is [96, 4].
        Assert.Equal(2 * ((4 * 32) + (96 * 4)), result.Trainable);
        Assert.True(result.TokensPerS > 0);
        Assert.True(result.MsPerStep > 0);
        Assert.True(result.PeakMemMib > 0);
        Assert.InRange(result.Loss, 3.0, 9.0); // about ln(300) ≈ 5.7 for a random model
    }

    [Fact]
    public void Impossible_configuration_is_rejected()
    {
        var error = Assert.Throws<ArgumentException>(() => LoraBenchmark.Run(new LoraBenchmarkOptions(Embd: 30, Heads: 4, Device: DeviceChoice.Cpu)));
        Assert.Contains("embd (30) must be divisible by heads (4)", error.Message);
    }
}
