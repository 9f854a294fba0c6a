using StudyBot.Training.Training;
using Xunit.Abstractions;

namespace StudyBot.Training.Tests.Training;

public sealed class LoraTrainerTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Tiny_model_overfits_a_small_text_halving_validation_loss()
    {
        using var workspace = TrainingWorkspace.Create();
        var settings = workspace.Settings(workspace.WriteCorpus()) with { Steps = 300, WarmupSteps = 10 };
        var events = new List<TrainingEvent>();

        var result = await new LoraTrainer().RunAsync(settings, new SyncProgress<TrainingEvent>(events.Add));

        output.WriteLine($"validation loss {result.Before!.Loss:0.000} → {result.After!.Loss:0.000}; {result.TrainingTime.TotalSeconds:0.00}s, {result.TokensPerSecond:0} tokens/s");
        Assert.Equal(TrainingOutcome.Completed, result.Outcome);
        Assert.Equal(300, result.StepsCompleted);
        Assert.True(result.After.Loss <= result.Before!.Loss / 2, $"validation loss {result.Before!.Loss} → {result.After.Loss}");
        // Half the loss of a uniform guess over the 257 byte tokens: the adapter learned the text, not just calmer logits.
        Assert.True(result.After.Loss < Math.Log(257) / 2, $"validation loss after training {result.After.Loss}");
        Assert.Equal(300, events.OfType<TrainingProgressEvent>().Count());
        Assert.Equal([EvaluationPoint.Before, EvaluationPoint.After], events.OfType<EvaluationEvent>().Select(e => e.Phase));
    }
}
