using StudyBot.Training.Data;
using StudyBot.Training.Models;
using StudyBot.Training.Training;
using static TorchSharp.torch;

namespace StudyBot.Training.Evaluation;

/// <summary>Scores a model on held-out sequences: the loss summed on the device, read back once. For GPT-2 the
/// logits are made a chunk of positions at a time (<see cref="ChunkedCausalLmLoss"/>), as in training, so evaluating
/// batch × 1024 positions of a 50,257-token vocabulary does not need the whole [B, T, vocab] fp32 tensor.
/// Cancellation is checked before every batch (<see cref="OperationCanceledException"/>).</summary>
public static class ValidationEvaluator
{
    public static EvaluationResult Evaluate(
        nn.Module<Tensor, Tensor> model,
        IReadOnlyList<TrainingExample> examples,
        int batchSize,
        Device device,
        int? maxBatches = null,
        int? chunkPositions = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(examples);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batchSize);
        if (examples.Count == 0)
        {
            throw new ArgumentException("There are no validation sequences.", nameof(examples));
        }

        var wasTraining = model.training;
        model.eval();
        try
        {
            using var scope = NewDisposeScope();
            using var guard = no_grad();
            var totalLoss = zeros(1, ScalarType.Float64, device);
            long tokens = 0;
            var batches = 0;
            for (var start = 0; start < examples.Count && (maxBatches is null || batches < maxBatches); start += batchSize, batches++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                using var stepScope = NewDisposeScope();
                var indices = Enumerable.Range(start, Math.Min(batchSize, examples.Count - start)).ToArray();
                var (inputs, labels) = BatchTensors.Create(examples, indices, device);
                var sum = model is Gpt2LMHeadModel gpt2
                    ? ChunkedCausalLmLoss.Sum(gpt2, inputs, labels, chunkPositions ?? ChunkedCausalLmLoss.ChunkPositionsFor(gpt2.Config.VocabSize))
                    : CausalLmLoss.Sum(model.forward(inputs), labels);
                totalLoss.add_(sum.to(ScalarType.Float64));
                tokens += indices.Sum(i => (long)examples[i].LabelCount);
            }

            var loss = totalLoss.cpu().item<double>() / Math.Max(1, tokens);
            return EvaluationResult.FromLoss(loss, tokens);
        }
        finally
        {
            model.train(wasTraining);
        }
    }
}
