using System.Text.Json;
using StudyBot.Training.Models;

namespace StudyBot.Tests.Cli.Training;

public sealed class FineTuneVerbTests : IDisposable
{
    private const string Corpus =
        "low rank adaptation freezes the base weights and learns a small update. " +
        "the update is the product of two thin matrices, so it has few parameters. ";

    private readonly CliHarness _cli = new();

    public FineTuneVerbTests()
    {
        ModelDirectory = _cli.PathTo("model");
        TinyModelFactory.Create(ModelDirectory, new TinyModelOptions(Layers: 1, Embd: 32, Heads: 2, Positions: 32));
        DataPath = _cli.WriteFile("corpus.txt", string.Concat(Enumerable.Repeat(Corpus, 4)));
    }

    private string ModelDirectory { get; }

    private string DataPath { get; }

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task A_short_run_on_the_tiny_model_prints_progress_and_leaves_the_run_folder()
    {
        var runFolder = _cli.PathTo("run");

        var result = await CliHarness.RunAsync(
            "finetune", "--model", ModelDirectory, "--data", DataPath, "--out", runFolder, "--steps", "6", "--batch", "2", "--seq", "32",
            "--warmup", "1", "--lr", "1e-2", "--device", "cpu", "--prompt", "low rank", "--progress-every", "2", "--checkpoint-every", "0");

        Assert.True(result.ExitCode == 0, result.ToString());
        var lines = result.Output.Split('\n');
        Assert.Equal(["step     2/6", "step     4/6", "step     6/6"], lines.Where(l => l.StartsWith("step ", StringComparison.Ordinal)).Select(l => l[..12]));
        Assert.Contains(lines, l => l.StartsWith("device cpu; libtorch packaged with TorchSharp", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("Completed: 6/6 steps", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("validation loss ", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("sample (greedy) for \"low rank\":", StringComparison.Ordinal));
        Assert.Contains($"run folder: {runFolder}", result.Output, StringComparison.Ordinal);

        foreach (var file in new[] { "metrics.json", "loss.png", "samples.json", "adapter/adapter_model.safetensors", "adapter/adapter_config.json" })
        {
            Assert.True(File.Exists(Path.Combine(runFolder, file)), $"{file} is missing");
        }

        using var metrics = JsonDocument.Parse(File.ReadAllText(Path.Combine(runFolder, "metrics.json")));
        Assert.Equal(6, metrics.RootElement.GetProperty("steps").GetArrayLength());
        using var adapterConfig = JsonDocument.Parse(File.ReadAllText(Path.Combine(runFolder, "adapter", "adapter_config.json")));
        Assert.Equal("LORA", adapterConfig.RootElement.GetProperty("peft_type").GetString());
        var png = File.ReadAllBytes(Path.Combine(runFolder, "loss.png"));
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], png[..4]);
    }

    [Fact]
    public async Task Every_prompt_given_is_sampled_and_validation_runs_during_the_run_by_default()
    {
        var runFolder = _cli.PathTo("run");

        var result = await CliHarness.RunAsync(ShortRun(runFolder, steps: 20, checkpointEvery: 0, "--prompt", "low rank", "--prompt", "the update"));

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("sample (greedy) for \"low rank\":", result.Output, StringComparison.Ordinal);
        Assert.Contains("sample (greedy) for \"the update\":", result.Output, StringComparison.Ordinal);
        // 20 steps: a validation point at step 10 between the ones before and after training.
        Assert.Contains("eval (during, step 10)", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_second_run_into_a_used_run_folder_is_refused_unless_it_resumes_or_overwrites()
    {
        var runFolder = _cli.PathTo("run");
        var first = await CliHarness.RunAsync(ShortRun(runFolder, steps: 4, checkpointEvery: 2));
        Assert.True(first.ExitCode == 0, first.ToString());
        var metrics = File.ReadAllBytes(Path.Combine(runFolder, "metrics.json"));

        var refused = await CliHarness.RunAsync(ShortRun(runFolder, steps: 2, checkpointEvery: 2));

        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("already holds a run", refused.Error, StringComparison.Ordinal);
        Assert.Contains("--overwrite", refused.Error, StringComparison.Ordinal);
        Assert.Equal(metrics, File.ReadAllBytes(Path.Combine(runFolder, "metrics.json")));
        Assert.True(Directory.Exists(Path.Combine(runFolder, "checkpoints", "step-000004")));

        var replaced = await CliHarness.RunAsync(ShortRun(runFolder, steps: 1, checkpointEvery: 1, "--overwrite"));

        Assert.True(replaced.ExitCode == 0, replaced.ToString());
        Assert.Equal(["step-000001"], Directory.GetDirectories(Path.Combine(runFolder, "checkpoints")).Select(Path.GetFileName));
        Assert.Contains("Completed: 1/1 steps", replaced.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Resuming_from_a_damaged_checkpoint_says_so_instead_of_crashing()
    {
        var runFolder = _cli.PathTo("run");
        var first = await CliHarness.RunAsync(ShortRun(runFolder, steps: 4, checkpointEvery: 2));
        Assert.True(first.ExitCode == 0, first.ToString());
        File.WriteAllText(Path.Combine(runFolder, "checkpoints", "step-000004", "state.json"), "{ not json");

        var resumed = await CliHarness.RunAsync(ShortRun(runFolder, steps: 4, checkpointEvery: 2, "--resume"));

        Assert.Equal(2, resumed.ExitCode);
        Assert.Contains("Cannot resume the fine-tune: its checkpoint is damaged", resumed.Error, StringComparison.Ordinal);
        Assert.Contains("state.json", resumed.Error, StringComparison.Ordinal);
    }

    private string[] ShortRun(string runFolder, int steps, int checkpointEvery, params string[] extra) =>
    [
        "finetune", "--model", ModelDirectory, "--data", DataPath, "--out", runFolder, "--batch", "2", "--seq", "32", "--device", "cpu", "--warmup", "0",
        "--steps", steps.ToString(System.Globalization.CultureInfo.InvariantCulture),
        "--checkpoint-every", checkpointEvery.ToString(System.Globalization.CultureInfo.InvariantCulture),
        .. extra,
    ];

    [Fact]
    public async Task A_missing_data_file_is_a_clear_message_and_a_non_zero_exit()
    {
        var missing = _cli.PathTo("no-such-data.txt");

        var result = await CliHarness.RunAsync("finetune", "--model", ModelDirectory, "--data", missing, "--out", _cli.PathTo("run"), "--steps", "2", "--warmup", "1", "--seq", "32", "--device", "cpu");

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("Cannot start the fine-tune:", result.Error, StringComparison.Ordinal);
        Assert.Contains($"'{missing}' does not exist", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("step ", result.Output, StringComparison.Ordinal);
        Assert.False(Directory.Exists(_cli.PathTo("run")));
    }

    [Fact]
    public async Task A_problem_found_when_the_run_starts_is_printed_under_one_prefix()
    {
        // Found by the trainer once the data is tokenized: the corpus gives far fewer than 64 training sequences.
        var result = await CliHarness.RunAsync(
            "finetune", "--model", ModelDirectory, "--data", DataPath, "--out", _cli.PathTo("run"), "--steps", "2", "--warmup", "1", "--batch", "64", "--seq", "32", "--device", "cpu");

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("Cannot start the fine-tune: batch size 64 is larger than the", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("Cannot start fine-tuning", result.Error, StringComparison.Ordinal);
        Assert.Single(result.Error.Split("Cannot start", StringSplitOptions.None).Skip(1));
    }

    [Fact]
    public async Task A_cancelled_run_summarises_the_loss_before_training_without_blank_after_values()
    {
        using var cancellation = new CancellationTokenSource();
        var result = await CliHarness.RunAsync(
            line =>
            {
                if (line.StartsWith("step     2/", StringComparison.Ordinal))
                {
                    cancellation.Cancel();
                }
            },
            cancellation.Token,
            ShortRun(_cli.PathTo("run"), steps: 20, checkpointEvery: 0, "--progress-every", "1"));

        Assert.Equal(130, result.ExitCode);
        var lines = result.Output.Split('\n');
        Assert.Contains(lines, l => l.StartsWith("Cancelled: 2/20 steps", StringComparison.Ordinal));
        var summary = Assert.Single(lines, l => l.Contains("validation loss", StringComparison.Ordinal) && !l.StartsWith("eval", StringComparison.Ordinal));
        Assert.Matches(@"^cancelled after step 2 of 20; validation loss before \d+\.\d{4}, perplexity \d+\.\d{2} \(no final evaluation\)$", summary.TrimEnd('\r'));
        Assert.DoesNotContain(" -> ", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_run_cancelled_during_the_first_evaluation_says_there_is_no_validation_loss()
    {
        using var cancellation = new CancellationTokenSource();
        var result = await CliHarness.RunAsync(
            line =>
            {
                if (line == "evaluating before training")
                {
                    cancellation.Cancel();
                }
            },
            cancellation.Token,
            ShortRun(_cli.PathTo("run"), steps: 20, checkpointEvery: 0));

        Assert.Equal(130, result.ExitCode);
        Assert.Contains("Cancelled: 0/20 steps", result.Output, StringComparison.Ordinal);
        Assert.Contains("cancelled after step 0 of 20; no validation loss", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(" -> ", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Missing_required_options_print_usage()
    {
        var result = await CliHarness.RunAsync("finetune", "--model", ModelDirectory, "--out", _cli.PathTo("run"));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("studybot finetune: --data is required.", result.Error, StringComparison.Ordinal);
        Assert.Contains("usage: studybot finetune --model DIR --data FILE --out DIR", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_libtorch_folder_that_does_not_exist_is_named_with_where_it_came_from()
    {
        var folder = _cli.PathTo("no-torch-lib");

        var result = await CliHarness.RunAsync(
            "finetune", "--model", ModelDirectory, "--data", DataPath, "--out", _cli.PathTo("run"), "--steps", "2", "--warmup", "1", "--seq", "32", "--device", "cpu", "--libtorch", folder);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"Cannot start the fine-tune: The libtorch folder '{folder}' does not exist.", result.Error, StringComparison.Ordinal);
        Assert.Contains("--libtorch", result.Error, StringComparison.Ordinal);
        Assert.Contains("STUDYBOT_LIBTORCH_DIR", result.Error, StringComparison.Ordinal);
        Assert.Contains("FineTune:LibTorchDir", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("Training:LibTorchDir", result.Error, StringComparison.Ordinal);
    }
}
