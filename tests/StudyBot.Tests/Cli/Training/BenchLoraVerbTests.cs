using System.Text.Json;

namespace StudyBot.Tests.Cli.Training;

public sealed class BenchLoraVerbTests : IDisposable
{
    private static readonly string[] TinyConfig =
        ["bench", "lora", "--layers", "1", "--embd", "32", "--heads", "2", "--batch", "2", "--seq", "16", "--rank", "2", "--steps", "2", "--warmup", "1", "--vocab", "64", "--device", "cpu"];

    private static readonly string[] ReferenceFields =
        ["impl", "layers", "embd", "batch", "seq", "rank", "trainable", "tokens_per_s", "ms_per_step", "peak_mem_mib", "loss"];

    private readonly CliHarness _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task Prints_one_json_line_with_the_reference_fields_and_appends_it_to_out()
    {
        var output = Path.Combine(_cli.Root, "bench", "lora.jsonl");

        var first = await CliHarness.RunAsync([.. TinyConfig, "--out", output]);
        var second = await CliHarness.RunAsync([.. TinyConfig, "--out", output]);

        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.True(second.ExitCode == 0, second.ToString());
        var line = Assert.Single(first.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        using var row = JsonDocument.Parse(line);
        Assert.Equal(ReferenceFields, row.RootElement.EnumerateObject().Select(p => p.Name));
        Assert.Equal("studybot-torchsharp", row.RootElement.GetProperty("impl").GetString());
        Assert.Equal(32, row.RootElement.GetProperty("embd").GetInt32());
        Assert.Equal(2, row.RootElement.GetProperty("rank").GetInt32());
        // LoRA on c_attn of one layer: A [2, 32] + B [96, 2].
        Assert.Equal((2 * 32) + (96 * 2), row.RootElement.GetProperty("trainable").GetInt64());
        Assert.True(row.RootElement.GetProperty("tokens_per_s").GetInt64() > 0);
        Assert.True(double.IsFinite(row.RootElement.GetProperty("loss").GetDouble()));

        var saved = File.ReadAllLines(output);
        Assert.Equal([first.Output.Trim(), second.Output.Trim()], saved);
    }

    [Fact]
    public async Task Impossible_shapes_and_bad_libtorch_folders_are_clear_errors()
    {
        var shape = await CliHarness.RunAsync("bench", "lora", "--embd", "30", "--heads", "4", "--device", "cpu");
        var folder = _cli.PathTo("no-torch-lib");
        var libTorch = await CliHarness.RunAsync([.. TinyConfig, "--libtorch", folder]);

        Assert.Equal(2, shape.ExitCode);
        Assert.Contains("embd (30) must be divisible by heads (4).", shape.Error, StringComparison.Ordinal);
        Assert.Contains("usage: studybot bench lora", shape.Error, StringComparison.Ordinal);
        Assert.Equal(2, libTorch.ExitCode);
        Assert.Contains($"studybot bench lora: The libtorch folder '{folder}' does not exist.", libTorch.Error, StringComparison.Ordinal);
        Assert.Equal("", libTorch.Output);
    }
}
