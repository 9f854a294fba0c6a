using TorchSharp;

namespace StudyBot.Training.Safetensors;

/// <summary>Tensors read from a safetensors file (on the CPU, in file order) plus its metadata; owns the tensors.</summary>
public sealed class SafetensorsContent : IDisposable
{
    public SafetensorsContent(IReadOnlyDictionary<string, torch.Tensor> tensors, IReadOnlyDictionary<string, string> metadata)
    {
        Tensors = tensors;
        Metadata = metadata;
    }

    public IReadOnlyDictionary<string, torch.Tensor> Tensors { get; }

    public IReadOnlyDictionary<string, string> Metadata { get; }

    public void Dispose()
    {
        foreach (var tensor in Tensors.Values)
        {
            tensor.Dispose();
        }
    }
}
