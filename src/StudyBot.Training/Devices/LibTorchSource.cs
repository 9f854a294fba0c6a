namespace StudyBot.Training.Devices;

/// <summary>Which libtorch the process uses: the one packaged with TorchSharp, or an external install (a PyTorch folder).</summary>
public sealed record LibTorchSource(string? ExternalDirectory, IReadOnlyList<string> LoadedLibraries)
{
    public bool IsExternal => ExternalDirectory is not null;

    public string Describe() => IsExternal
        ? $"libtorch from {ExternalDirectory}"
        : "libtorch packaged with TorchSharp";
}
