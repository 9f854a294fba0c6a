using System.Text.Json;
using StudyBot.Training.Models;
using StudyBot.Training.Tokenization;
using static TorchSharp.torch;

namespace StudyBot.Tests.Cli.Training;

public sealed class MakeTinyModelVerbTests : IDisposable
{
    private readonly CliHarness _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task Writes_a_hugging_face_folder_that_loads_back()
    {
        var folder = _cli.PathTo("tiny");

        var result = await CliHarness.RunAsync("make-tiny-model", "--out", folder, "--layers", "1", "--embd", "32", "--heads", "2", "--positions", "64", "--seed", "5");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains($"Wrote a 1-layer, 32-wide GPT-2 (2 heads, 64 positions, byte vocabulary) to {folder}", result.Output, StringComparison.Ordinal);
        Assert.Equal("", result.Error);
        foreach (var file in new[] { "config.json", "model.safetensors", "tokenizer_config.json" })
        {
            Assert.True(File.Exists(Path.Combine(folder, file)), $"{file} missing; folder has {string.Join(", ", Directory.GetFiles(folder).Select(Path.GetFileName))}");
        }

        using var config = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "config.json")));
        Assert.Equal(32, config.RootElement.GetProperty("n_embd").GetInt32());
        var loaded = Gpt2Loader.Load(folder, CPU, ScalarType.Float32);
        using var model = loaded.Model;
        Assert.Equal(new Gpt2Config(257, 64, 32, 1, 2), loaded.Config);
        Assert.IsType<ByteTokenizer>(loaded.Tokenizer);
    }

    [Theory]
    [InlineData("divisible by --heads", true, "--embd", "30", "--heads", "4")]
    [InlineData("--out is required", false, "--layers", "1")]
    [InlineData("Unknown option: --layer.", true, "--layer", "1")]
    [InlineData("--layers must be a number, not 'two'", true, "--layers", "two")]
    [InlineData("--vocab supports 'byte'", true, "--vocab", "gpt2")]
    [InlineData("only apply with --pretrain", true, "--steps", "5")]
    [InlineData("--steps must be between 1 and", true, "--pretrain", "notes.md", "--steps", "0")]
    public async Task Bad_options_print_the_problem_and_usage_and_write_nothing(string expected, bool withOut, params string[] options)
    {
        var folder = _cli.PathTo("never");
        string[] args = ["make-tiny-model", .. options, .. withOut ? new[] { "--out", folder } : []];

        var result = await CliHarness.RunAsync(args);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(expected, result.Error, StringComparison.Ordinal);
        Assert.Contains("usage: studybot make-tiny-model --out DIR", result.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(folder));
    }

    [Fact]
    public async Task Pretrain_trains_on_the_text_first_and_reports_the_validation_loss()
    {
        var text = _cli.WriteFile("notes.md", string.Concat(Enumerable.Repeat("lora freezes the base weights and learns a small low rank update. ", 30)));
        var folder = _cli.PathTo("pretrained");

        var result = await CliHarness.RunAsync(
            "make-tiny-model", "--out", folder, "--layers", "1", "--embd", "32", "--heads", "2", "--positions", "32", "--pretrain", text, "--steps", "30", "--batch", "4", "--lr", "1e-2");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("pretrain step    30/30", result.Output, StringComparison.Ordinal);
        Assert.Equal(10, result.Output.Split('\n').Count(l => l.StartsWith("pretrain step", StringComparison.Ordinal)));
        var summary = result.Output.Split('\n').Single(l => l.StartsWith("pretrained 30 steps", StringComparison.Ordinal));
        var losses = summary[(summary.IndexOf("validation loss ", StringComparison.Ordinal) + 16)..].Split(" -> ").Select(s => double.Parse(s, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        Assert.True(losses[1] < losses[0] - 1, summary);
        Assert.True(File.Exists(Path.Combine(folder, "model.safetensors")));
    }

    [Fact]
    public async Task A_missing_pretraining_file_is_a_clear_error_and_writes_nothing()
    {
        var folder = _cli.PathTo("never");
        var missing = _cli.PathTo("no-such-notes.md");

        var result = await CliHarness.RunAsync("make-tiny-model", "--out", folder, "--pretrain", missing);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"studybot make-tiny-model: cannot pretrain: The pretraining text '{missing}' does not exist", result.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(folder));
    }
}
