using StudyBot.Training.Data;
using static TorchSharp.torch;

namespace StudyBot.Training.Training;

/// <summary>Next-token cross-entropy over already-shifted labels; positions labelled -100 take no loss.</summary>
public static class CausalLmLoss
{
    /// <summary>Mean loss over labelled positions. <paramref name="logits"/> [B, T, V] (fp32), <paramref name="labels"/> int64 [B, T].</summary>
    public static Tensor Mean(Tensor logits, Tensor labels) =>
        nn.functional.cross_entropy(Flatten(logits), labels.reshape(-1), ignore_index: TrainingExample.IgnoreIndex);

    /// <summary>Summed loss over labelled positions (for token-weighted averages across batches).</summary>
    public static Tensor Sum(Tensor logits, Tensor labels) =>
        nn.functional.cross_entropy(Flatten(logits), labels.reshape(-1), ignore_index: TrainingExample.IgnoreIndex, reduction: nn.Reduction.Sum);

    private static Tensor Flatten(Tensor logits) => logits.reshape(-1, logits.shape[^1]);
}
