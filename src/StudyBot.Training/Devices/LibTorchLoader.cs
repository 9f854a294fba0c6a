using System.Runtime.InteropServices;

namespace StudyBot.Training.Devices;

/// <summary>
/// Points TorchSharp at an external libtorch (a PyTorch install's <c>torch/lib</c>) as docs/GPU.md describes:
/// before the first TorchSharp call, load libc10, libtorch_cpu, the CUDA pieces when present and libtorch from that
/// folder, then TorchSharp's own libLibTorchSharp from the application folder. TorchSharp's loader then finds its
/// native backend already in the process. Without a folder, TorchSharp uses its packaged natives as usual.
/// </summary>
public static class LibTorchLoader
{
    /// <summary>Environment variable naming the external libtorch folder.</summary>
    public const string EnvironmentVariable = "STUDYBOT_LIBTORCH_DIR";

    /// <summary>
    /// Where a libtorch folder can be set, for messages: the --libtorch option of the CLI's training verbs, else the
    /// environment variable, which the bot sets for its trainer and sampler processes from FineTune:LibTorchDir.
    /// </summary>
    public const string SettingNames =
        "--libtorch DIR (studybot finetune, bench lora, train, sample) or " + EnvironmentVariable + " (the bot sets it for its trainer from FineTune:LibTorchDir)";

    private static readonly string[] LibTorchLibraries = ["libc10.so", "libtorch_cpu.so", "libc10_cuda.so", "libtorch_cuda.so", "libtorch.so"];
    private static readonly HashSet<string> OptionalLibraries = new(StringComparer.Ordinal) { "libc10_cuda.so", "libtorch_cuda.so" };
    private static readonly Lock Gate = new();
    private static LibTorchSource? _loaded;

    /// <summary>The configured folder if given, else <see cref="EnvironmentVariable"/> (read through
    /// <paramref name="environment"/>, the process environment by default), else null (packaged natives).</summary>
    public static string? ResolveDirectory(string? configured, Func<string, string?>? environment = null) =>
        !string.IsNullOrWhiteSpace(configured) ? configured
        : (environment ?? Environment.GetEnvironmentVariable)(EnvironmentVariable) is { Length: > 0 } fromEnvironment ? fromEnvironment
        : null;

    /// <summary>What has been loaded so far, or null before <see cref="EnsureLoaded"/>.</summary>
    public static LibTorchSource? Loaded
    {
        get
        {
            lock (Gate)
            {
                return _loaded;
            }
        }
    }

    /// <summary>
    /// Loads the external libtorch once per process. Call before any other TorchSharp use. A second call with a
    /// different folder fails: a process can hold only one libtorch.
    /// </summary>
    public static LibTorchSource EnsureLoaded(string? directory)
    {
        lock (Gate)
        {
            var wanted = string.IsNullOrWhiteSpace(directory) ? null : Path.GetFullPath(directory);
            if (wanted is not null)
            {
                CheckDirectory(wanted);
            }

            if (_loaded is not null)
            {
                if (!string.Equals(_loaded.ExternalDirectory, wanted, StringComparison.Ordinal))
                {
                    throw new DeviceUnavailableException(
                        $"This process already uses {_loaded.Describe()}; it cannot switch to {(wanted is null ? "the packaged libtorch" : $"libtorch from {wanted}")}.");
                }

                return _loaded;
            }

            _loaded = wanted is null ? new LibTorchSource(null, []) : LoadExternal(wanted);
            return _loaded;
        }
    }

    private static void CheckDirectory(string directory)
    {
        if (!OperatingSystem.IsLinux())
        {
            throw new DeviceUnavailableException("Loading an external libtorch folder is supported on Linux only.");
        }

        if (!Directory.Exists(directory))
        {
            throw new DeviceUnavailableException(
                $"The libtorch folder '{directory}' does not exist. It comes from {SettingNames}; point it at a PyTorch install's torch/lib folder.");
        }

        var missing = LibTorchLibraries.Where(n => !OptionalLibraries.Contains(n) && !File.Exists(Path.Combine(directory, n))).ToList();
        if (missing.Count > 0)
        {
            throw new DeviceUnavailableException(
                $"The libtorch folder '{directory}' has no {string.Join(", ", missing)}; it does not look like a PyTorch torch/lib folder.");
        }
    }

    private static LibTorchSource LoadExternal(string directory)
    {
        if (ProcessLibraries.Find("libLibTorchSharp").Count > 0)
        {
            throw new DeviceUnavailableException(
                $"TorchSharp was already initialised with its packaged libtorch, so libtorch from '{directory}' can no longer be loaded; select the device before any other TorchSharp use.");
        }

        var loaded = new List<string>();
        foreach (var name in LibTorchLibraries)
        {
            var path = Path.Combine(directory, name);
            if (!File.Exists(path))
            {
                continue; // only the optional CUDA libraries can be absent here
            }

            Load(path);
            loaded.Add(path);
        }

        var bridge = FindTorchSharpBridge()
            ?? throw new DeviceUnavailableException(
                $"libLibTorchSharp.so was not found next to the application ({AppContext.BaseDirectory}); it ships with the TorchSharp package.");
        Load(bridge);
        loaded.Add(bridge);
        return new LibTorchSource(directory, loaded);
    }

    private static void Load(string path)
    {
        try
        {
            NativeLibrary.Load(path);
        }
        catch (DllNotFoundException ex)
        {
            throw new DeviceUnavailableException($"Loading '{path}' failed: {ex.Message}", ex);
        }
        catch (BadImageFormatException ex)
        {
            throw new DeviceUnavailableException($"'{path}' is not a loadable library for this process: {ex.Message}", ex);
        }
    }

    private static string? FindTorchSharpBridge()
    {
        string[] candidates =
        [
            Path.Combine(AppContext.BaseDirectory, "libLibTorchSharp.so"),
            Path.Combine(AppContext.BaseDirectory, "runtimes", "linux-x64", "native", "libLibTorchSharp.so"),
        ];
        return candidates.FirstOrDefault(File.Exists);
    }
}
