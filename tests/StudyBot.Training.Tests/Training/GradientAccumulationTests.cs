using System.Text;
using System.Text.Json;
using StudyBot.Training.Safetensors;
using StudyBot.Training.Training;
using static TorchSharp.torch;

namespace StudyBot.Training.Tests.Training;

/// <summary>Through the real trainer: k micro-batches of b sequences must train exactly like one batch of k·b.</summary>
public sealed class GradientAccumulationTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Two_micro_batches_of_two_give_the_same_losses_and_adapter_as_one_batch_of_four(bool promptCompletion)
    {
        using var workspace = TrainingWorkspace.Create();
        // Prompt/completion data has loss only on completions of very different lengths, so micro-batches carry uneven
        // numbers of loss tokens: only a token-weighted mean over the whole step matches the single batch.
        var data = promptCompletion ? workspace.WriteData("pairs.jsonl", PromptCompletionLines()) : workspace.WriteCorpus(repeats: 4);
        var settings = workspace.Settings(data) with { Steps = 4, WarmupSteps = 1, SequenceLength = 32 };

        var whole = await new LoraTrainer().RunAsync(settings with { OutputDirectory = Path.Combine(workspace.Root, "whole"), BatchSize = 4 });
        var accumulated = await new LoraTrainer().RunAsync(
            settings with { OutputDirectory = Path.Combine(workspace.Root, "accumulated"), BatchSize = 2, GradientAccumulation = 2 });

        Assert.Equal(4, whole.StepsCompleted);
        Assert.Equal(4, accumulated.StepsCompleted);
        foreach (var (a, b) in whole.Steps.Zip(accumulated.Steps))
        {
            Assert.Equal(a.Loss, b.Loss, 1e-5);
            Assert.Equal(a.GradNorm, b.GradNorm, 1e-5);
        }

        Assert.Equal(whole.After!.Loss, accumulated.After!.Loss, 1e-4);
        using var wholeAdapter = SafetensorsFile.Read(Path.Combine(whole.Outputs.Adapter, "adapter_model.safetensors"));
        using var accumulatedAdapter = SafetensorsFile.Read(Path.Combine(accumulated.Outputs.Adapter, "adapter_model.safetensors"));
        Assert.Equal(wholeAdapter.Tensors.Keys.Order(), accumulatedAdapter.Tensors.Keys.Order());
        foreach (var (key, tensor) in wholeAdapter.Tensors)
        {
            var other = accumulatedAdapter.Tensors[key];
            var difference = (tensor - other).abs().max().item<float>();
            Assert.True(tensor.allclose(other, rtol: 1e-3, atol: 1e-5), $"{key} differs by up to {difference}");
        }
    }

    /// <summary>Twelve short prompts with completions from 1 to about 25 bytes.</summary>
    private static string PromptCompletionLines()
    {
        string[] completions =
        [
            "a", "low rank", "frozen base weights", "b", "two thin matrices", "merge for free inference at the end",
            "ok", "adapters are small", "r", "the update is learned", "alpha over r", "dropout on the input",
        ];
        var lines = new StringBuilder();
        for (var i = 0; i < completions.Length; i++)
        {
            lines.AppendLine(JsonSerializer.Serialize(new { prompt = $"q{i}: ", completion = completions[i] }));
        }

        return lines.ToString();
    }
}
