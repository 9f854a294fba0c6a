using StudyBot.Training.Data;
using StudyBot.Training.Models;
using static TorchSharp.torch;

namespace StudyBot.Training.Training;

/// <summary>
/// Forward and backward of the next-token loss for one micro-batch without materialising fp32 logits
/// [B, T, vocab] at once. The transformer runs once; then, chunk by chunk of positions, the LM head makes that
/// chunk's logits, its summed cross-entropy is back-propagated to (a detached copy of) the hidden states, and the
/// chunk's logits are freed before the next one. Finally the gathered hidden-state gradient goes back through the
/// transformer in one pass. The gradients equal those of backward(Σ token losses / normaliser) on the full logits, to
/// float rounding; only one chunk's logits (and their softmax) are alive at a time.
/// </summary>
public static class ChunkedCausalLmLoss
{
    /// <summary>Logit elements per chunk (fp32: 256 MiB), e.g. 1,335 positions of GPT-2's 50,257-token vocabulary.</summary>
    public const long DefaultChunkElements = 1L << 26;

    /// <summary>Positions per chunk so one chunk's logits hold about <see cref="DefaultChunkElements"/> values.</summary>
    public static int ChunkPositionsFor(int vocabSize)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(vocabSize);
        return (int)Math.Clamp(DefaultChunkElements / vocabSize, 1, int.MaxValue);
    }

    /// <summary>
    /// Runs forward and backward for <paramref name="inputs"/> / <paramref name="labels"/> (int64 [B, T], labels already
    /// shifted, -100 ignored), accumulating into the parameters' gradients those of (Σ token losses) /
    /// <paramref name="normalizer"/>. Returns the summed loss over labelled positions (0-dim fp32, detached), so a caller
    /// accumulating micro-batches can divide the total by the labelled tokens of the whole step.
    /// </summary>
    public static Tensor SumAndBackward(Gpt2LMHeadModel model, Tensor inputs, Tensor labels, double normalizer, int chunkPositions)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(normalizer);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(chunkPositions);
        using var scope = NewDisposeScope();
        var hidden = model.HiddenStates(inputs);
        var width = hidden.shape[^1];
        // A leaf of its own: each chunk's graph starts here and is freed by its backward, independent of the others.
        var leaf = hidden.detach().reshape(-1, width).requires_grad_(true);
        var flatLabels = labels.reshape(-1);
        var positions = leaf.shape[0];
        var total = zeros([], ScalarType.Float32, hidden.device);
        for (long start = 0; start < positions; start += chunkPositions)
        {
            using var chunkScope = NewDisposeScope();
            var length = Math.Min(chunkPositions, positions - start);
            var logits = model.LogitsFromHidden(leaf.narrow(0, start, length));
            var sum = nn.functional.cross_entropy(
                logits, flatLabels.narrow(0, start, length), ignore_index: TrainingExample.IgnoreIndex, reduction: nn.Reduction.Sum);
            (sum / normalizer).backward();
            total.add_(sum.detach());
        }

        if (hidden.requires_grad && leaf.grad is { } hiddenGrad)
        {
            hidden.backward([hiddenGrad.view_as(hidden)]);
        }

        return total.MoveToOuterDisposeScope();
    }

    /// <summary>The summed loss over labelled positions without gradients (evaluation), one chunk of logits at a
    /// time like <see cref="SumAndBackward"/>. Returns a 0-dim fp32 tensor.</summary>
    public static Tensor Sum(Gpt2LMHeadModel model, Tensor inputs, Tensor labels, int chunkPositions)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(chunkPositions);
        using var scope = NewDisposeScope();
        using var guard = no_grad();
        var hidden = model.HiddenStates(inputs);
        var flat = hidden.reshape(-1, hidden.shape[^1]);
        var flatLabels = labels.reshape(-1);
        var total = zeros([], ScalarType.Float32, hidden.device);
        for (long start = 0; start < flat.shape[0]; start += chunkPositions)
        {
            using var chunkScope = NewDisposeScope();
            var length = Math.Min(chunkPositions, flat.shape[0] - start);
            var logits = model.LogitsFromHidden(flat.narrow(0, start, length));
            total.add_(nn.functional.cross_entropy(
                logits, flatLabels.narrow(0, start, length), ignore_index: TrainingExample.IgnoreIndex, reduction: nn.Reduction.Sum));
        }

        return total.MoveToOuterDisposeScope();
    }
}
