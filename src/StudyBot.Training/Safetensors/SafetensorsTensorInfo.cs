using TorchSharp;

namespace StudyBot.Training.Safetensors;

/// <summary>One tensor's entry in a safetensors header; offsets are relative to the start of the data section.</summary>
public sealed record SafetensorsTensorInfo(string Name, torch.ScalarType DType, IReadOnlyList<long> Shape, long Begin, long End);
