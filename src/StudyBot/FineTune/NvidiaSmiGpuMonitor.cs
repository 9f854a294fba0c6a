using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Options;
using StudyBot.Core.FineTune;

namespace StudyBot.FineTune;

/// <summary>Reads the GPU's name and memory from <c>nvidia-smi</c> (no TorchSharp in the bot process); on a host
/// without it, or when it hangs past its time limit (it is then killed), reports the configured device with
/// unknown memory. A configured <c>cuda:N</c> asks about GPU N.</summary>
public sealed class NvidiaSmiGpuMonitor : IGpuMonitor
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(5);

    private readonly IOptions<FineTuneOptions> _options;
    private readonly string _program;
    private readonly TimeSpan _timeout;

    public NvidiaSmiGpuMonitor(IOptions<FineTuneOptions> options)
        : this(options, "nvidia-smi", DefaultTimeout)
    {
    }

    /// <summary>With another program in nvidia-smi's place (tests).</summary>
    public NvidiaSmiGpuMonitor(IOptions<FineTuneOptions> options, string program, TimeSpan timeout)
    {
        _options = options;
        _program = program;
        _timeout = timeout;
    }

    public async Task<GpuStatus> GetStatusAsync(CancellationToken cancellationToken)
    {
        var device = _options.Value.Device;
        var unknown = new GpuStatus(device, null, null, null);
        if (device == "cpu")
        {
            return unknown;
        }

        var start = new ProcessStartInfo(_program)
        {
            ArgumentList = { "--query-gpu=name,memory.used,memory.total", "--format=csv,noheader,nounits" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (TrainerEnvironment.CudaIndex(device) is { } index)
        {
            start.ArgumentList.Add("--id=" + index.ToString(CultureInfo.InvariantCulture));
        }

        Process? process;
        try
        {
            process = Process.Start(start);
        }
        catch (Win32Exception)
        {
            return unknown;
        }

        if (process is null)
        {
            return unknown;
        }

        using (process)
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(_timeout);
            try
            {
                // Both pipes are drained so a chatty stderr cannot block the process.
                var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
                var errors = process.StandardError.ReadToEndAsync(timeout.Token);
                await process.WaitForExitAsync(timeout.Token);
                await Task.WhenAll(output, errors);
                return process.ExitCode == 0 ? Parse(device, await output) : unknown;
            }
            catch (OperationCanceledException)
            {
                Kill(process);
                cancellationToken.ThrowIfCancellationRequested();
                return unknown;
            }
        }
    }

    /// <summary>The first GPU of nvidia-smi's CSV ("name, used, total").</summary>
    public static GpuStatus Parse(string device, string csv)
    {
        var line = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault();
        var parts = line?.Split(',', StringSplitOptions.TrimEntries);
        if (parts is not { Length: 3 })
        {
            return new GpuStatus(device, null, null, null);
        }

        return new GpuStatus(
            device == "auto" ? "cuda" : device,
            parts[0],
            long.TryParse(parts[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var used) ? used : null,
            long.TryParse(parts[2], NumberStyles.Integer, CultureInfo.InvariantCulture, out var total) ? total : null);
    }

    private static void Kill(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // It exited between the timeout and the kill.
        }
        catch (Win32Exception)
        {
            // Not ours to kill any more; nothing else to do.
        }
    }
}
