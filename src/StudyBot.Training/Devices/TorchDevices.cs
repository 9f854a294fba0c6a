using TorchSharp;

namespace StudyBot.Training.Devices;

/// <summary>Resolves --device auto|cpu|cuda after making sure the right libtorch is loaded.</summary>
public static class TorchDevices
{
    /// <summary>
    /// Loads the external libtorch when one is configured (argument, else <see cref="LibTorchLoader.EnvironmentVariable"/>),
    /// then picks the device. <see cref="DeviceChoice.Cuda"/> without a usable GPU is an error, not a silent fallback.
    /// </summary>
    public static DeviceSelection Select(DeviceChoice choice, string? libTorchDirectory = null)
    {
        var directory = LibTorchLoader.ResolveDirectory(libTorchDirectory);
        var source = LibTorchLoader.EnsureLoaded(directory);
        var cudaAvailable = torch.cuda.is_available();
        if (source.IsExternal && choice == DeviceChoice.Cuda && !cudaAvailable)
        {
            throw new DeviceUnavailableException(
                $"CUDA was requested but is not available with libtorch from {source.ExternalDirectory}: check that it is a CUDA build of PyTorch (libtorch_cuda.so present) and that the GPU driver is visible to this process.");
        }

        if (choice == DeviceChoice.Cuda && !cudaAvailable)
        {
            throw new DeviceUnavailableException(
                $"CUDA was requested but is not available: this process uses {source.Describe()}, which has no usable GPU. Point {LibTorchLoader.SettingNames} at a CUDA PyTorch install's torch/lib folder, or use --device cpu.");
        }

        var useCuda = choice == DeviceChoice.Cuda || (choice == DeviceChoice.Auto && cudaAvailable);
        var device = useCuda ? torch.CUDA : torch.CPU;
        var report = new DeviceReport(
            Device: useCuda ? "cuda:0" : "cpu",
            LibTorch: source.Describe(),
            LibTorchVersion: source.IsExternal ? ReadPyTorchVersion(source.ExternalDirectory!) : torch.__version__,
            LibTorchPaths: ProcessLibraries.Find("libtorch_cpu"),
            CudaAvailable: cudaAvailable,
            GpuName: useCuda ? NvmlProbe.DeviceName(0) : null,
            CpuThreads: torch.get_num_threads());
        return new DeviceSelection(device, report);
    }

    // A PyTorch install keeps its version in torch/version.py, next to torch/lib.
    private static string? ReadPyTorchVersion(string libDirectory)
    {
        var versionFile = Path.Combine(libDirectory, "..", "version.py");
        if (!File.Exists(versionFile))
        {
            return null;
        }

        foreach (var line in File.ReadLines(versionFile))
        {
            var trimmed = line.Trim();
            if (trimmed.StartsWith("__version__", StringComparison.Ordinal))
            {
                var quote = trimmed.IndexOfAny(['\'', '"']);
                var end = quote < 0 ? -1 : trimmed.IndexOf(trimmed[quote], quote + 1);
                return end > quote ? trimmed[(quote + 1)..end] : null;
            }
        }

        return null;
    }
}
