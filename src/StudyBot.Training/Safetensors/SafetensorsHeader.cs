namespace StudyBot.Training.Safetensors;

/// <summary>The parsed and validated header of a safetensors file (no tensor data).</summary>
/// <param name="DataStart">Absolute file offset where the data section begins (8 + header length).</param>
public sealed record SafetensorsHeader(
    IReadOnlyList<SafetensorsTensorInfo> Tensors,
    IReadOnlyDictionary<string, string> Metadata,
    long DataStart);
