using StudyBot.Training.Data;
using StudyBot.Training.Models;
using StudyBot.Training.Training;

namespace StudyBot.Training.Tests.Training;

/// <summary>Every bad input fails with one clear message before a single training step, leaving no report behind.</summary>
public sealed class LoraTrainerBadInputTests : IDisposable
{
    private readonly TrainingWorkspace _workspace = TrainingWorkspace.Create();

    public void Dispose() => _workspace.Dispose();

    [Fact]
    public async Task Empty_data_file()
    {
        var error = await FailsBeforeTraining<DatasetException>(_workspace.Settings(_workspace.WriteData("empty.txt", "")));
        Assert.Contains("is empty", error.Message);
    }

    [Fact]
    public async Task Non_utf8_data_file()
    {
        var path = Path.Combine(_workspace.Root, "latin1.txt");
        File.WriteAllBytes(path, [.. "caf"u8, 0xE9, .. " au lait\n"u8]);
        var error = await FailsBeforeTraining<DatasetException>(_workspace.Settings(path));
        Assert.Contains("not valid UTF-8: line 1", error.Message);
    }

    [Fact]
    public async Task Sequence_length_above_the_models_positions()
    {
        var error = await FailsBeforeTraining<FineTuneValidationException>(_workspace.Settings(_workspace.WriteCorpus()) with { SequenceLength = 129 });
        Assert.Equal("Cannot start fine-tuning: seq_len 129 is larger than the model's n_positions 128.", error.Message);
    }

    [Fact]
    public async Task Rank_zero()
    {
        var error = await FailsBeforeTraining<FineTuneValidationException>(_workspace.Settings(_workspace.WriteCorpus()) with { Rank = 0 });
        Assert.Equal("Cannot start fine-tuning: rank must be at least 1 (got 0).", error.Message);
    }

    [Fact]
    public async Task Batch_larger_than_the_data_allows()
    {
        var data = _workspace.WriteData("small.txt", TrainingWorkspace.Corpus);
        var error = await FailsBeforeTraining<FineTuneValidationException>(_workspace.Settings(data) with { BatchSize = 64 });
        Assert.Matches(@"batch size 64 is larger than the \d+ training sequences of seq_len 32 that .small.txt. gives \(\d+ tokens\); lower the batch size", error.Message);
    }

    [Fact]
    public async Task Too_little_data_for_one_sequence()
    {
        var error = await FailsBeforeTraining<DatasetException>(_workspace.Settings(_workspace.WriteData("tiny.txt", "too short")));
        Assert.Contains("has 9 tokens, fewer than one training sequence needs (33", error.Message);
    }

    [Fact]
    public async Task Missing_model_weights()
    {
        File.Delete(Path.Combine(_workspace.ModelDirectory, "model.safetensors"));
        var error = await FailsBeforeTraining<FineTuneValidationException>(_workspace.Settings(_workspace.WriteCorpus()));
        Assert.Contains("has no model.safetensors", error.Message);
    }

    [Fact]
    public async Task Model_config_that_does_not_match_its_tokenizer()
    {
        var config = Path.Combine(_workspace.ModelDirectory, "config.json");
        File.WriteAllText(config, File.ReadAllText(config).Replace("\"vocab_size\": 257", "\"vocab_size\": 200", StringComparison.Ordinal));
        var error = await FailsBeforeTraining<ModelLoadException>(_workspace.Settings(_workspace.WriteCorpus()));
        Assert.Contains("the tokenizer has 257 tokens but config.json's vocab_size is 200", error.Message);
    }

    [Fact]
    public async Task Target_module_that_matches_no_layer()
    {
        var error = await FailsBeforeTraining<FineTuneValidationException>(_workspace.Settings(_workspace.WriteCorpus()) with { TargetModules = ["q_proj"] });
        Assert.Contains("'q_proj' match no layer", error.Message);
    }

    [Fact]
    public async Task Malformed_jsonl_line()
    {
        var data = _workspace.WriteData("d.jsonl", "{\"text\": \"a\"}\n{\"text\": \"b\",}\n");
        var error = await FailsBeforeTraining<DatasetException>(_workspace.Settings(data));
        Assert.Contains("'d.jsonl' line 2: invalid JSON", error.Message);
    }

    [Fact]
    public async Task Problems_found_after_tokenizing_are_reported_together()
    {
        var data = _workspace.WriteData("small.txt", TrainingWorkspace.Corpus);
        var error = await FailsBeforeTraining<FineTuneValidationException>(_workspace.Settings(data) with { BatchSize = 64, Steps = null, Epochs = 1, WarmupSteps = 5 });
        Assert.Equal(2, error.Problems.Count);
        Assert.StartsWith("batch size 64", error.Problems[0]);
        Assert.Equal("warmup steps (5) must be fewer than the run's 1 steps.", error.Problems[1]);
    }

    private async Task<T> FailsBeforeTraining<T>(FineTuneSettings settings)
        where T : Exception
    {
        var steps = 0;
        var progress = new SyncProgress<TrainingEvent>(e => steps += e is TrainingProgressEvent ? 1 : 0);
        var error = await Assert.ThrowsAsync<T>(() => new LoraTrainer().RunAsync(settings, progress));
        Assert.Equal(0, steps);
        Assert.False(File.Exists(Path.Combine(settings.OutputDirectory, "metrics.json")));
        return error;
    }
}
