using StudyBot.Training.Data;
using StudyBot.Training.Evaluation;
using StudyBot.Training.Models;
using StudyBot.Training.Tests.Training;
using TorchSharp;

namespace StudyBot.Training.Tests.Evaluation;

public sealed class ValidationEvaluatorTests
{
    [Fact]
    public void Loss_is_token_weighted_whatever_the_batch_size_and_ignores_masked_positions()
    {
        using var workspace = TrainingWorkspace.Create(new TinyModelOptions(Layers: 1, Embd: 32, Heads: 2, Positions: 16));
        var pretrained = Gpt2Loader.Load(workspace.ModelDirectory, torch.CPU, torch.ScalarType.Float32);
        using var model = pretrained.Model;
        var raw = new RawDataset("p.jsonl", DatasetFormat.JsonlPromptCompletion, 0,
            Enumerable.Range(0, 7).Select(i => DatasetRecord.ForPromptCompletion(i + 1, $"question {i}?", new string('a', i + 1))).ToList());
        var examples = DatasetBuilder.Build(raw, pretrained.Tokenizer, new DatasetBuildOptions(16, 0.0)).Train;

        var byOne = ValidationEvaluator.Evaluate(model, examples, 1, torch.CPU);
        var byThree = ValidationEvaluator.Evaluate(model, examples, 3, torch.CPU);
        var expected = ExpectedLoss(model, examples);

        Assert.Equal(examples.Sum(e => e.LabelCount), byOne.Tokens);
        Assert.Equal(expected, byOne.Loss, 5);
        Assert.Equal(byOne.Loss, byThree.Loss, 5);
        Assert.Equal(Math.Exp(byOne.Loss), byOne.Perplexity, 9);
        // Logits made five positions at a time give the same loss as the whole batch's logits at once.
        Assert.Equal(byThree.Loss, ValidationEvaluator.Evaluate(model, examples, 3, torch.CPU, chunkPositions: 5).Loss, 5);
    }

    // Straight from the definition: −log softmax(logits)[label], averaged over labelled positions.
    private static double ExpectedLoss(Gpt2LMHeadModel model, IReadOnlyList<TrainingExample> examples)
    {
        using var guard = torch.no_grad();
        double total = 0;
        var count = 0;
        foreach (var example in examples)
        {
            using var input = torch.tensor(example.InputIds.Select(i => (long)i).ToArray(), [1, example.InputIds.Length]);
            using var logProbs = torch.nn.functional.log_softmax(model.forward(input)[0], 1);
            for (var t = 0; t < example.Labels.Length; t++)
            {
                if (example.Labels[t] != TrainingExample.IgnoreIndex)
                {
                    total -= logProbs[t, example.Labels[t]].item<float>();
                    count++;
                }
            }
        }

        return total / count;
    }
}
