using System.Text;
using System.Text.Json;
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

    [Fact]
    public async Task With_an_empty_prompt_the_model_learns_the_first_completion_token_after_end_of_text()
    {
        using var workspace = TrainingWorkspace.Create();
        var lines = new StringBuilder();
        for (var i = 0; i < 12; i++)
        {
            lines.AppendLine(JsonSerializer.Serialize(new { prompt = "", completion = "xyz" }));
        }

        var settings = workspace.Settings(workspace.WriteData("pairs.jsonl", lines.ToString())) with
        {
            Steps = 60, WarmupSteps = 2, SequenceLength = 8, SamplePrompts = [""], SampleMaxTokens = 3,
        };

        var result = await new LoraTrainer().RunAsync(settings);

        // Generation starts an empty prompt from end-of-text; training must have taught what follows it.
        var greedy = Assert.Single(result.Samples, s => s.Decoding == "greedy");
        Assert.Equal("xyz", greedy.After);
    }

    [Fact]
    public async Task Throughput_counts_real_tokens_not_padding()
    {
        using var workspace = TrainingWorkspace.Create();
        // Every example is "q: " + "ab" + end-of-text: 6 ids, so 5 real input positions of the 32 in a sequence.
        var lines = new StringBuilder();
        for (var i = 0; i < 12; i++)
        {
            lines.AppendLine(JsonSerializer.Serialize(new { prompt = "q: ", completion = "ab" }));
        }

        var settings = workspace.Settings(workspace.WriteData("short.jsonl", lines.ToString())) with
        {
            Steps = 5, WarmupSteps = 1, BatchSize = 4, GradientAccumulation = 2, SequenceLength = 32,
        };

        var result = await new LoraTrainer().RunAsync(settings);

        var metrics = RunJson.Read<RunMetrics>(result.Outputs.Metrics);
        const long RealTokensPerStep = 4 * 2 * 5;
        Assert.Equal(RealTokensPerStep, metrics.TokensPerStep);
        Assert.True(metrics.TokensPerStep < settings.BatchSize * settings.GradientAccumulation * settings.SequenceLength);
        // tokens/s × training time gives back the real tokens of the five steps, not the 5 × 4 × 2 × 32 positions.
        var tokens = result.TokensPerSecond * metrics.Timings.TrainingSeconds;
        Assert.Equal(5 * RealTokensPerStep, tokens, 5 * RealTokensPerStep * 1e-6);
    }
}
