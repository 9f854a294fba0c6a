using System.Globalization;
using StudyBot.Core.FineTune;

namespace StudyBot.FineTune;

/// <summary>
/// How a child process (trainer or sampler) is told where libtorch is and which GPU to use. A configured
/// <c>cuda:N</c> becomes <c>CUDA_VISIBLE_DEVICES=N</c> (with <c>CUDA_DEVICE_ORDER=PCI_BUS_ID</c>, so N is nvidia-smi's
/// N): the child then sees that GPU as its only one and is told plain <c>cuda</c>, so the index is honoured without
/// the trainer knowing about device indices.
/// </summary>
public static class TrainerEnvironment
{
    public const string LibTorchVariable = "STUDYBOT_LIBTORCH_DIR";
    public const string VisibleDevicesVariable = "CUDA_VISIBLE_DEVICES";
    public const string DeviceOrderVariable = "CUDA_DEVICE_ORDER";

    public static IReadOnlyDictionary<string, string> For(FineTuneOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!string.IsNullOrEmpty(options.LibTorchDir))
        {
            environment[LibTorchVariable] = options.LibTorchDir;
        }

        if (CudaIndex(options.Device) is { } index)
        {
            // nvidia-smi numbers GPUs by PCI bus; CUDA does so too only when asked (its default is fastest first).
            environment[DeviceOrderVariable] = "PCI_BUS_ID";
            environment[VisibleDevicesVariable] = index.ToString(CultureInfo.InvariantCulture);
        }

        return environment;
    }

    /// <summary>The device as the child's <c>--device</c> understands it: auto, cpu or cuda.</summary>
    public static string ChildDevice(string device) => device switch
    {
        "cpu" => "cpu",
        "auto" => "auto",
        _ => "cuda",
    };

    /// <summary>N of a configured <c>cuda:N</c>; null for auto, cpu and plain cuda.</summary>
    public static int? CudaIndex(string device) =>
        device.StartsWith("cuda:", StringComparison.Ordinal)
        && int.TryParse(device.AsSpan(5), NumberStyles.None, CultureInfo.InvariantCulture, out var index)
            ? index
            : null;
}
