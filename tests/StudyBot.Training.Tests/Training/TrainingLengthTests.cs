using System.Text;
using System.Text.Json;
using StudyBot.Training.Reporting;
using StudyBot.Training.Training;

namespace StudyBot.Training.Tests.Training;

/// <summary>--epochs: the run's step count comes from the training sequences, the batch and the accumulation.</summary>
public sealed class TrainingLengthTests
{
    // 22 prompt/completion records are 22 sequences; validation_fraction 0.1 holds out round(2.2) = 2, leaving 20.
    private const int Records = 22;
    private const int TrainSequences = 20;

    [Theory]
    [InlineData(1.0, 4, 1, 5)] // 20 / 4 = 5 micro-batches, one per step
    [InlineData(2.0, 4, 1, 10)]
    [InlineData(1.0, 4, 2, 3)] // 5 micro-batches / 2 per step, rounded up so the whole epoch is seen
    [InlineData(1.5, 4, 2, 4)] // 7.5 micro-batches → 3.75 steps → 4
    [InlineData(0.01, 4, 1, 1)] // at least one step
    public async Task Epochs_set_the_number_of_steps_from_sequences_batch_and_accumulation(double epochs, int batch, int accumulation, int expectedSteps)
    {
        using var workspace = TrainingWorkspace.Create();
        var settings = workspace.Settings(workspace.WriteData("pairs.jsonl", Lines())) with
        {
            Steps = null,
            Epochs = epochs,
            BatchSize = batch,
            GradientAccumulation = accumulation,
            WarmupSteps = 0,
            ValidationFraction = 0.1,
            SequenceLength = 16,
        };
        var progress = new List<TrainingProgressEvent>();

        var result = await new LoraTrainer().RunAsync(settings, new SyncProgress<TrainingEvent>(e =>
        {
            if (e is TrainingProgressEvent p)
            {
                progress.Add(p);
            }
        }));

        Assert.Equal(TrainingOutcome.Completed, result.Outcome);
        Assert.Equal(expectedSteps, result.TotalSteps);
        Assert.Equal(expectedSteps, result.StepsCompleted);
        Assert.Equal(Enumerable.Range(1, expectedSteps), progress.Select(p => p.Step));
        Assert.All(progress, p => Assert.Equal(expectedSteps, p.TotalSteps));
        var metrics = RunJson.Read<RunMetrics>(result.Outputs.Metrics);
        Assert.Equal(TrainSequences, metrics.Dataset.TrainSequences);
        Assert.Equal(expectedSteps, metrics.TotalSteps);
    }

    [Fact]
    public void Epochs_and_steps_together_are_refused()
    {
        var settings = new FineTuneSettings { ModelDirectory = "m", DataPath = "d", OutputDirectory = "o", Steps = 10, Epochs = 1 };

        Assert.Contains(settings.Validate(), p => p.Contains("epochs", StringComparison.OrdinalIgnoreCase) && p.Contains("steps", StringComparison.OrdinalIgnoreCase));
    }

    private static string Lines()
    {
        var lines = new StringBuilder();
        for (var i = 0; i < Records; i++)
        {
            lines.AppendLine(JsonSerializer.Serialize(new { prompt = $"q{i} ", completion = new string((char)('a' + (i % 26)), 1 + (i % 5)) }));
        }

        return lines.ToString();
    }
}
