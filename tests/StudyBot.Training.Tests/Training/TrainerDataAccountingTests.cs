using StudyBot.Training.Reporting;
using StudyBot.Training.Training;

namespace StudyBot.Training.Tests.Training;

/// <summary>What a run is scored on, what it is trained on, and what its throughput counts.</summary>
public sealed class TrainerDataAccountingTests
{
    [Fact]
    public async Task Runs_that_differ_only_in_seed_are_scored_on_the_same_validation_set()
    {
        using var workspace = TrainingWorkspace.Create();
        var settings = workspace.Settings(workspace.WriteCorpus()) with { Steps = 4, WarmupSteps = 1 };

        var first = await new LoraTrainer().RunAsync(settings with { OutputDirectory = Path.Combine(workspace.Root, "seed7"), Seed = 7 });
        var other = await new LoraTrainer().RunAsync(settings with { OutputDirectory = Path.Combine(workspace.Root, "seed8"), Seed = 8 });

        // LoRA starts as the identity (B = 0) and evaluation has no dropout, so the 'before' loss is the base model's
        // loss on the held-out set: equal only when both runs hold out the same sequences.
        Assert.Equal(first.Before!.Loss, other.Before!.Loss);
        var firstMetrics = RunJson.Read<RunMetrics>(first.Outputs.Metrics);
        var otherMetrics = RunJson.Read<RunMetrics>(other.Outputs.Metrics);
        Assert.Equal(firstMetrics.Dataset, otherMetrics.Dataset);
        // The seed still decides the batches and the adapter's initialisation.
        Assert.NotEqual(first.Steps.Select(s => s.Loss), other.Steps.Select(s => s.Loss));
    }
}
