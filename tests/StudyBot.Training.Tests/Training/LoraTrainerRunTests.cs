using StudyBot.Training.Reporting;
using StudyBot.Training.Training;
using TorchSharp;

namespace StudyBot.Training.Tests.Training;

public sealed class LoraTrainerRunTests
{
    [Fact]
    public async Task Same_seed_gives_identical_losses_and_another_seed_does_not()
    {
        using var workspace = TrainingWorkspace.Create();
        var data = workspace.WriteCorpus();
        var settings = workspace.Settings(data) with { Steps = 12, Dropout = 0.1, GradientAccumulation = 2 };

        var first = await new LoraTrainer().RunAsync(settings with { OutputDirectory = Path.Combine(workspace.Root, "a") });
        var second = await new LoraTrainer().RunAsync(settings with { OutputDirectory = Path.Combine(workspace.Root, "b") });
        var other = await new LoraTrainer().RunAsync(settings with { OutputDirectory = Path.Combine(workspace.Root, "c"), Seed = 8 });

        Assert.Equal(first.Steps.Select(s => s.Loss), second.Steps.Select(s => s.Loss));
        Assert.Equal(first.Steps.Select(s => s.GradNorm), second.Steps.Select(s => s.GradNorm));
        Assert.Equal(first.After!.Loss, second.After!.Loss);
        Assert.NotEqual(first.Steps.Select(s => s.Loss), other.Steps.Select(s => s.Loss));
    }

    [Fact]
    public async Task Cancelling_stops_before_the_next_step_and_keeps_what_was_done()
    {
        using var workspace = TrainingWorkspace.Create();
        var settings = workspace.Settings(workspace.WriteCorpus()) with { Steps = 50 };
        using var cancellation = new CancellationTokenSource();
        var progress = new SyncProgress<TrainingEvent>(e =>
        {
            if (e is TrainingProgressEvent { Step: 5 })
            {
                cancellation.Cancel();
            }
        });

        var result = await new LoraTrainer().RunAsync(settings, progress, cancellation.Token);

        Assert.Equal(TrainingOutcome.Cancelled, result.Outcome);
        Assert.Equal(5, result.StepsCompleted);
        Assert.Null(result.After);
        Assert.True(File.Exists(Path.Combine(result.Outputs.Adapter, "adapter_model.safetensors")));
        Assert.Equal(TrainingOutcome.Cancelled, RunJson.Read<RunMetrics>(result.Outputs.Metrics).Outcome);
        Assert.Equal(Path.Combine(result.Outputs.Checkpoints, "step-000005"), TrainingCheckpoints.FindLatest(result.Outputs));
    }

    [Fact]
    public async Task Cancelling_during_the_first_evaluation_stops_before_any_step()
    {
        using var workspace = TrainingWorkspace.Create();
        var settings = workspace.Settings(workspace.WriteCorpus()) with { Steps = 50 };
        using var cancellation = new CancellationTokenSource();
        var progress = new SyncProgress<TrainingEvent>(e =>
        {
            if (e is TrainingStatusEvent { Message: "evaluating before training" })
            {
                cancellation.Cancel();
            }
        });

        var result = await new LoraTrainer().RunAsync(settings, progress, cancellation.Token);

        Assert.Equal(TrainingOutcome.Cancelled, result.Outcome);
        Assert.Equal(0, result.StepsCompleted);
        Assert.Empty(result.Evaluations);
        Assert.Null(TrainingCheckpoints.FindLatest(result.Outputs));
        Assert.Equal(TrainingOutcome.Cancelled, RunJson.Read<RunMetrics>(result.Outputs.Metrics).Outcome);
    }

    [Fact]
    public async Task Cancelling_during_the_final_evaluation_keeps_every_step_and_a_resume_only_evaluates()
    {
        using var workspace = TrainingWorkspace.Create();
        var settings = workspace.Settings(workspace.WriteCorpus()) with { Steps = 6 };
        using var cancellation = new CancellationTokenSource();
        var progress = new SyncProgress<TrainingEvent>(e =>
        {
            if (e is TrainingStatusEvent { Message: "evaluating after training" })
            {
                cancellation.Cancel();
            }
        });

        var cancelled = await new LoraTrainer().RunAsync(settings, progress, cancellation.Token);

        Assert.Equal(TrainingOutcome.Cancelled, cancelled.Outcome);
        Assert.Equal(6, cancelled.StepsCompleted);
        Assert.Null(cancelled.After);
        Assert.Equal(Path.Combine(cancelled.Outputs.Checkpoints, "step-000006"), TrainingCheckpoints.FindLatest(cancelled.Outputs));

        var resumed = await new LoraTrainer().RunAsync(settings, new TrainingRunOptions(Resume: true), null, CancellationToken.None);

        Assert.Equal(TrainingOutcome.Completed, resumed.Outcome);
        Assert.Equal(6, resumed.ResumedFromStep);
        Assert.Equal(cancelled.Steps.Select(s => s.Loss), resumed.Steps.Select(s => s.Loss));
        Assert.NotNull(resumed.After);
        Assert.True(resumed.After!.Loss < cancelled.Before!.Loss);
    }

    [Fact]
    public async Task A_resumed_run_repeats_the_uninterrupted_runs_later_losses_exactly()
    {
        using var workspace = TrainingWorkspace.Create();
        var data = workspace.WriteCorpus();
        var settings = workspace.Settings(data) with
        {
            Steps = 20, Dropout = 0.1, GradientAccumulation = 2, CheckpointInterval = 5, EvalInterval = 7,
        };
        var uninterrupted = await new LoraTrainer().RunAsync(settings with { OutputDirectory = Path.Combine(workspace.Root, "whole") });

        var interruptedSettings = settings with { OutputDirectory = Path.Combine(workspace.Root, "interrupted") };
        using var cancellation = new CancellationTokenSource();
        var stopAtEight = new SyncProgress<TrainingEvent>(e =>
        {
            if (e is TrainingProgressEvent { Step: 8 })
            {
                cancellation.Cancel();
            }
        });
        var firstHalf = await new LoraTrainer().RunAsync(interruptedSettings, stopAtEight, cancellation.Token);
        // Resume from the periodic checkpoint at step 5 rather than the one written on cancel, to cover both kinds.
        Directory.Delete(Path.Combine(firstHalf.Outputs.Checkpoints, "step-000008"), recursive: true);
        var resumed = await new LoraTrainer().RunAsync(interruptedSettings, new TrainingRunOptions(Resume: true), null, CancellationToken.None);

        Assert.Equal(TrainingOutcome.Cancelled, firstHalf.Outcome);
        Assert.Equal(5, resumed.ResumedFromStep);
        Assert.Equal(TrainingOutcome.Completed, resumed.Outcome);
        Assert.Equal(uninterrupted.Steps.Select(s => s.Step), resumed.Steps.Select(s => s.Step));
        Assert.Equal(uninterrupted.Steps.Select(s => s.Loss), resumed.Steps.Select(s => s.Loss));
        Assert.Equal(uninterrupted.After!.Loss, resumed.After!.Loss);
        Assert.Equal(uninterrupted.Evaluations.Select(e => (e.Step, e.Loss)), resumed.Evaluations.Select(e => (e.Step, e.Loss)));
    }

    [Fact]
    public async Task A_checkpoint_is_not_resumed_on_top_of_a_different_base_model()
    {
        using var workspace = TrainingWorkspace.Create();
        var settings = workspace.Settings(workspace.WriteCorpus()) with { Steps = 20, CheckpointInterval = 5 };
        using var cancellation = new CancellationTokenSource();
        var stopAtSix = new SyncProgress<TrainingEvent>(e =>
        {
            if (e is TrainingProgressEvent { Step: 6 })
            {
                cancellation.Cancel();
            }
        });
        await new LoraTrainer().RunAsync(settings, stopAtSix, cancellation.Token);

        // Same shapes, other weights: the last float of the file changes.
        var weights = Path.Combine(workspace.ModelDirectory, "model.safetensors");
        var bytes = File.ReadAllBytes(weights);
        bytes[^1] ^= 0x40;
        File.WriteAllBytes(weights, bytes);

        var error = await Assert.ThrowsAsync<FineTuneValidationException>(
            () => new LoraTrainer().RunAsync(settings, new TrainingRunOptions(Resume: true), null, CancellationToken.None));
        Assert.Contains("different data, base model or settings", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Five_hundred_steps_leave_the_live_tensor_count_unchanged()
    {
        using var workspace = TrainingWorkspace.Create(new StudyBot.Training.Models.TinyModelOptions(Layers: 1, Embd: 32, Heads: 2, Positions: 32));
        var settings = workspace.Settings(workspace.WriteCorpus()) with
        {
            Steps = 500, BatchSize = 2, SequenceLength = 16, EvalInterval = 100, CheckpointInterval = 250, ProgressInterval = 10,
        };
        var liveTensors = new Dictionary<int, long>();
        var progress = new SyncProgress<TrainingEvent>(e =>
        {
            if (e is TrainingProgressEvent p)
            {
                liveTensors[p.Step] = torch.Tensor.TotalCount;
            }
        });

        var result = await new LoraTrainer().RunAsync(settings, progress);

        Assert.Equal(500, result.StepsCompleted);
        Assert.Equal(50, liveTensors.Count);
        // After warm-up every step creates and disposes the same tensors; any leak would grow this by steps × leak.
        Assert.True(liveTensors[500] <= liveTensors[20], $"live tensors grew from {liveTensors[20]} at step 20 to {liveTensors[500]} at step 500");
    }
}
