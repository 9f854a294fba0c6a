using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Options;
using StudyBot.Core.FineTune;

namespace StudyBot.FineTune;

/// <summary>Reads the GPU's name and memory from <c>nvidia-smi</c> (no TorchSharp in the bot process); on a host
/// without it, reports the configured device with unknown memory.</summary>
public sealed class NvidiaSmiGpuMonitor(IOptions<FineTuneOptions> options) : IGpuMonitor
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    public async Task<GpuStatus> GetStatusAsync(CancellationToken cancellationToken)
    {
        var device = options.Value.Device;
        if (device == "cpu")
        {
            return new GpuStatus("cpu", null, null, null);
        }

        try
        {
            var start = new ProcessStartInfo("nvidia-smi")
            {
                ArgumentList = { "--query-gpu=name,memory.used,memory.total", "--format=csv,noheader,nounits" },
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            using var process = Process.Start(start);
            if (process is null)
            {
                return new GpuStatus(device, null, null, null);
            }

            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(Timeout);
            var output = await process.StandardOutput.ReadToEndAsync(timeout.Token);
            await process.WaitForExitAsync(timeout.Token);
            return Parse(device, output);
        }
        catch (Win32Exception)
        {
            return new GpuStatus(device, null, null, null);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new GpuStatus(device, null, null, null);
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
}
