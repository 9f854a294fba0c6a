namespace StudyBot.Core.FineTune;

/// <summary>
/// The trainer's status line about its device (<c>device cpu; libtorch packaged with TorchSharp 2.5.1 (/…/libtorch_cpu.so);
/// CUDA available: no; CPU threads: 8</c>) shortened for chat: <c>cpu (libtorch packaged with TorchSharp 2.5.1)</c>, or
/// <c>cuda:0 [NVIDIA H200] (libtorch from /opt/torch/lib 2.5.1)</c>. The library paths are left out; a run on the CPU
/// while the trainer saw a usable GPU says so.
/// </summary>
public static class TrainingDeviceLine
{
    private const string Prefix = "device ";
    private const int MaxLength = 200;

    /// <summary>The short form, or null when <paramref name="statusMessage"/> is not the device line.</summary>
    public static string? Describe(string? statusMessage)
    {
        if (statusMessage is null || !statusMessage.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return null;
        }

        var parts = statusMessage.Split("; ", StringSplitOptions.TrimEntries);
        var device = parts[0][Prefix.Length..].Trim();
        if (device.Length == 0)
        {
            return null;
        }

        var libTorch = parts.Length > 1 ? WithoutPaths(parts[1]) : null;
        var text = libTorch is { Length: > 0 } ? $"{device} ({libTorch})" : device;
        if (device == "cpu" && parts.Any(p => p.Equals("CUDA available: yes", StringComparison.Ordinal)))
        {
            text += " — CUDA was available but not used";
        }

        return text.Length <= MaxLength ? text : text[..(MaxLength - 1)] + "…";
    }

    // "libtorch packaged with TorchSharp 2.5.1 (/a/libtorch_cpu.so, /b/…)": the trailing list of loaded files.
    private static string WithoutPaths(string libTorch)
    {
        var open = libTorch.IndexOf(" (", StringComparison.Ordinal);
        return open > 0 && libTorch.EndsWith(')') ? libTorch[..open] : libTorch;
    }
}
