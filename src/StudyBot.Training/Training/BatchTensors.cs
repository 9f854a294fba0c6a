using StudyBot.Training.Data;
using static TorchSharp.torch;

namespace StudyBot.Training.Training;

/// <summary>Stacks chosen examples into int64 input and label tensors [B, T] on the training device.</summary>
public static class BatchTensors
{
    public static (Tensor Inputs, Tensor Labels) Create(IReadOnlyList<TrainingExample> examples, IReadOnlyList<int> indices, Device device)
    {
        ArgumentNullException.ThrowIfNull(examples);
        ArgumentNullException.ThrowIfNull(indices);
        var length = examples[indices[0]].InputIds.Length;
        var inputs = new long[indices.Count * length];
        var labels = new long[indices.Count * length];
        for (var row = 0; row < indices.Count; row++)
        {
            var example = examples[indices[row]];
            for (var t = 0; t < length; t++)
            {
                inputs[(row * length) + t] = example.InputIds[t];
                labels[(row * length) + t] = example.Labels[t];
            }
        }

        long[] shape = [indices.Count, length];
        using var scope = NewDisposeScope();
        var inputTensor = tensor(inputs, shape, ScalarType.Int64).to(device);
        var labelTensor = tensor(labels, shape, ScalarType.Int64).to(device);
        return scope.MoveToOuter(inputTensor, labelTensor);
    }
}
