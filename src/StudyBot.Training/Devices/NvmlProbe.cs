using System.Runtime.InteropServices;
using System.Text;

namespace StudyBot.Training.Devices;

/// <summary>
/// GPU name and memory in use through NVML (the driver's management library). TorchSharp 0.107 exposes no CUDA
/// memory statistics, so this is how memory is measured; it counts the whole device (CUDA context and the caching
/// allocator's reserved blocks included), so it reads higher than PyTorch's max_memory_allocated. Every call
/// fails soft (null) where there is no driver.
/// </summary>
public static class NvmlProbe
{
    private const string Library = "libnvidia-ml.so.1";
    private static readonly Lock Gate = new();
    private static bool? _initialised;

    /// <summary>Bytes of device memory in use on CUDA device <paramref name="index"/>, or null without NVML.</summary>
    public static long? UsedMemoryBytes(int index)
    {
        if (!TryInitialise() || NativeMethods.nvmlDeviceGetHandleByIndex_v2((uint)NvmlIndex(index), out var handle) != 0)
        {
            return null;
        }

        return NativeMethods.nvmlDeviceGetMemoryInfo(handle, out var memory) == 0 ? (long)memory.Used : null;
    }

    /// <summary>The product name of CUDA device <paramref name="index"/>, or null without NVML.</summary>
    public static string? DeviceName(int index)
    {
        if (!TryInitialise() || NativeMethods.nvmlDeviceGetHandleByIndex_v2((uint)NvmlIndex(index), out var handle) != 0)
        {
            return null;
        }

        var buffer = new byte[96];
        if (NativeMethods.nvmlDeviceGetName(handle, buffer, (uint)buffer.Length) != 0)
        {
            return null;
        }

        var end = Array.IndexOf(buffer, (byte)0);
        return Encoding.UTF8.GetString(buffer, 0, end < 0 ? buffer.Length : end);
    }

    /// <summary>
    /// NVML numbers every GPU of the machine and ignores <c>CUDA_VISIBLE_DEVICES</c>; CUDA numbers only the visible
    /// ones. With a list of ordinals (the bot sets one ordinal, with <c>CUDA_DEVICE_ORDER=PCI_BUS_ID</c> so both count
    /// in PCI order) CUDA device <paramref name="cudaIndex"/> is the list's entry at that position; otherwise (unset,
    /// UUIDs) the numbers agree.
    /// </summary>
    public static int NvmlIndex(int cudaIndex, string? visibleDevices)
    {
        if (string.IsNullOrWhiteSpace(visibleDevices))
        {
            return cudaIndex;
        }

        var entries = visibleDevices.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        return cudaIndex < entries.Length && int.TryParse(entries[cudaIndex], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var physical)
            ? physical
            : cudaIndex;
    }

    private static int NvmlIndex(int cudaIndex) => NvmlIndex(cudaIndex, Environment.GetEnvironmentVariable("CUDA_VISIBLE_DEVICES"));

    private static bool TryInitialise()
    {
        lock (Gate)
        {
            if (_initialised is null)
            {
                try
                {
                    _initialised = NativeMethods.nvmlInit_v2() == 0;
                }
                catch (DllNotFoundException)
                {
                    _initialised = false;
                }
                catch (EntryPointNotFoundException)
                {
                    _initialised = false;
                }
            }

            return _initialised.Value;
        }
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct NvmlMemory
    {
        public ulong Total;
        public ulong Free;
        public ulong Used;
    }

    private static class NativeMethods
    {
        [DllImport(Library)]
        public static extern int nvmlInit_v2();

        [DllImport(Library)]
        public static extern int nvmlDeviceGetHandleByIndex_v2(uint index, out nint device);

        [DllImport(Library)]
        public static extern int nvmlDeviceGetMemoryInfo(nint device, out NvmlMemory memory);

        [DllImport(Library)]
        public static extern int nvmlDeviceGetName(nint device, [Out] byte[] name, uint length);
    }
}
