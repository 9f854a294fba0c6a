namespace StudyBot.Training.Devices;

/// <summary>Which device and which libtorch a run used, for logs, metrics.json and the chat result.</summary>
public sealed record DeviceReport(
    string Device,
    string LibTorch,
    string? LibTorchVersion,
    IReadOnlyList<string> LibTorchPaths,
    bool CudaAvailable,
    string? GpuName,
    int CpuThreads)
{
    public override string ToString()
    {
        var version = LibTorchVersion is null ? string.Empty : $" {LibTorchVersion}";
        var where = LibTorchPaths.Count > 0 ? $" ({string.Join(", ", LibTorchPaths)})" : string.Empty;
        var gpu = GpuName is null ? string.Empty : $" [{GpuName}]";
        return $"device {Device}{gpu}; {LibTorch}{version}{where}; CUDA available: {(CudaAvailable ? "yes" : "no")}; CPU threads: {CpuThreads}";
    }
}
