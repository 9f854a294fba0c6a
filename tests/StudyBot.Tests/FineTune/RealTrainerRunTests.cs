using Microsoft.Extensions.Logging.Abstractions;
using StudyBot.Core.Commands;
using StudyBot.Core.FineTune;
using StudyBot.FineTune;
using StudyBot.Storage.FineTune;
using StudyBot.Training.Models;
using StudyBot.Training.Reporting;
using StudyBot.Training.Training;
using Xunit.Abstractions;

namespace StudyBot.Tests.FineTune;

/// <summary>One real run: the worker starts the bot's own <c>studybot train --run-dir</c> on a tiny random GPT-2 on CPU.</summary>
public sealed class RealTrainerRunTests(ITestOutputHelper output)
{
    [Fact]
    public async Task The_worker_trains_a_tiny_model_through_studybot_train_and_validation_loss_falls()
    {
        await using var harness = new FineTuneWorkerHarness(o =>
        {
            o.TrainerCommand = null;
            o.TrainerArguments = [];
            o.TrainerTimeout = TimeSpan.FromMinutes(5);
        });
        TinyModelFactory.Create(Path.Combine(harness.Options.ModelsDirectory, "tiny-real"), new TinyModelOptions(Layers: 2, Embd: 64, Heads: 4, Positions: 128));
        await harness.StartAsync();

        var run = await harness.QueueAsync(script: "exit 99", steps: 60, model: "tiny-real");
        var done = await harness.WaitForStateAsync(run.Id, FineTuneRunState.Succeeded, seconds: 300);

        var result = done.Result!;
        output.WriteLine($"validation loss {result.ValidationLossBefore:0.000} -> {result.ValidationLossAfter:0.000}, perplexity {result.PerplexityBefore:0.0} -> {result.PerplexityAfter:0.0}, trainer {result.Duration.TotalSeconds:0.0} s, {done.Progress?.TokensPerSecond:0} tokens/s");
        Assert.True(result.ValidationLossAfter < result.ValidationLossBefore, $"validation loss {result.ValidationLossBefore} → {result.ValidationLossAfter}");
        Assert.True(File.Exists(result.LossPlotPath));
        Assert.True(File.Exists(result.AdapterZipPath));
        Assert.NotEmpty(result.Samples);
        Assert.NotNull(done.Progress);
        Assert.Equal(60, done.Progress.TotalSteps);
        Assert.StartsWith("cpu (libtorch ", done.TrainingDevice, StringComparison.Ordinal);
        await FineTuneWorkerHarness.WaitUntilAsync(() => harness.Notifier.For(run.Id, "result").Count == 1, "the result is posted");
        Assert.Equal(["loss.png", "adapter.zip"], harness.Notifier.For(run.Id, "result")[0].Message.Files.Select(f => f.FileName));

        // The trainer wrote checkpoints every 10 steps; with the results posted they are gone, the outputs stay.
        var folder = harness.Folder(run.Id);
        await FineTuneWorkerHarness.WaitUntilAsync(() => !Directory.Exists(folder.Checkpoints), "the checkpoints are deleted");
        Assert.True(File.Exists(Path.Combine(folder.Adapter, "adapter_model.safetensors")));
        Assert.True(File.Exists(folder.Metrics));
        Assert.True(File.Exists(folder.Samples));
    }

    [Fact]
    public async Task Stopping_the_bot_mid_run_leaves_the_trainers_checkpoint_and_the_next_start_resumes_from_it()
    {
        await using var harness = new FineTuneWorkerHarness(o =>
        {
            o.TrainerCommand = null;
            o.TrainerArguments = [];
            o.TrainerTimeout = TimeSpan.FromMinutes(5);
            // Generous: on a busy machine the trainer may need a while to reach the end of its step and save.
            o.KillGracePeriod = TimeSpan.FromSeconds(60);
        });
        TinyModelFactory.Create(Path.Combine(harness.Options.ModelsDirectory, "tiny-real"), new TinyModelOptions(Layers: 1, Embd: 32, Heads: 2, Positions: 64));
        await harness.StartAsync();

        // Far more steps than it can train between two looks at its progress, so it is always stopped mid-run.
        var run = await harness.QueueAsync(script: "exit 99", steps: 20_000, model: "tiny-real");
        var folder = new RunDirectory(harness.Folder(run.Id).Directory);
        await FineTuneWorkerHarness.WaitUntilAsync(() => StoredStep(harness, run.Id) >= 2, "the trainer has trained two steps", seconds: 300);
        await harness.StopAsync();

        Assert.True(folder.HasCheckpoint, "the trainer saved a checkpoint when the bot stopped");
        var saved = TrainingCheckpoints.ReadState(TrainingCheckpoints.FindLatest(folder.Outputs)!).Step;
        Assert.True(saved >= 2, $"checkpoint at step {saved}");
        Assert.Equal(FineTuneRunState.Running, (await harness.Runs.FindAsync(run.Id, CancellationToken.None))!.State);

        // The next start's trainer continues past the checkpoint; stopped again, it reports where it resumed from.
        await harness.RestartAsync();
        await FineTuneWorkerHarness.WaitUntilAsync(() => StoredStep(harness, run.Id) > saved, "the resumed trainer has trained past the checkpoint", seconds: 300);
        await harness.StopAsync();

        var metrics = folder.ReadMetrics();
        output.WriteLine($"checkpoint at step {saved}; second trainer resumed from step {metrics.ResumedFromStep} and stopped after step {metrics.StepsCompleted}");
        Assert.Equal(saved, metrics.ResumedFromStep);
        var stored = (await harness.Runs.FindAsync(run.Id, CancellationToken.None))!;
        Assert.Equal(1, stored.ResumeCount);
        Assert.Equal(0, stored.UnexpectedStops);
    }

    private static int StoredStep(FineTuneWorkerHarness harness, string runId) =>
        harness.Runs.FindAsync(runId, CancellationToken.None).GetAwaiter().GetResult()?.Progress?.Step ?? 0;

    [Fact]
    public async Task A_request_whose_data_gives_fewer_sequences_than_a_batch_is_queued_with_a_batch_that_studybot_train_accepts()
    {
        await using var harness = new FineTuneWorkerHarness(o =>
        {
            o.TrainerCommand = null;
            o.TrainerArguments = [];
            o.TrainerTimeout = TimeSpan.FromMinutes(5);
        });
        TinyModelFactory.Create(Path.Combine(harness.Options.ModelsDirectory, "tiny-real"), new TinyModelOptions(Layers: 1, Embd: 32, Heads: 2, Positions: 64));
        var options = Microsoft.Extensions.Options.Options.Create(harness.Options);
        var models = new DirectoryModelCatalog(harness.Options.ModelsDirectory);
        var editor = new FineTuneRunMessageEditor(harness.Runs, harness.Notifier, TimeProvider.System, NullLogger<FineTuneRunMessageEditor>.Instance);
        using var http = new HttpClient();
        var service = new FineTuneRequestService(harness.Runs, models, new TestPaperCatalog(), new HttpDatasetFetcher(http), harness.Signal, editor, options, TimeProvider.System);

        // The LoRA note is about 70 byte-tokens: 4 sequences of seq_len 16, one held out, 3 to train on (batch 4 would
        // make the trainer exit with "batch size 4 is larger than the 3 training sequences").
        var (queued, _, note) = await service.StartAsync(
            new CommandMember(1, "member1", 0), 10, 20, new FineTuneStartInput("tiny-real", null, "lora", null, null, null, null, 10, null, 16, null, null), CancellationToken.None);
        Assert.Equal(3, queued.Settings.BatchSize);
        Assert.Contains("batch size 3", note, StringComparison.Ordinal);

        await harness.StartAsync();
        var done = await harness.WaitForStateAsync(queued.Id, FineTuneRunState.Succeeded, seconds: 300);
        Assert.Equal(10, done.Progress!.TotalSteps);
    }
}
