namespace StudyBot.Core.FineTune;

/// <summary>The device and an optional member-facing note for one "Sample again".</summary>
public sealed record SampleDevice(string Device, string? Note);

/// <summary>
/// Where "Sample again" runs. The sampler loads the base model in fp32 next to the adapter; on the GPU a training run
/// is using, that competes for its memory and could push the run out of memory. So while a run trains and the device
/// is (or may be) a GPU — cuda, cuda:N or auto — the sample is taken on the CPU, slower but harmless, and the member is
/// told; otherwise on the configured device.
/// </summary>
public static class SampleDevicePolicy
{
    public const string OnCpuWhileTrainingNote = "Sampled on the CPU because a training run is using the GPU.";

    public static SampleDevice Choose(string configuredDevice, bool trainingActive)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(configuredDevice);
        return trainingActive && configuredDevice != "cpu"
            ? new SampleDevice("cpu", OnCpuWhileTrainingNote)
            : new SampleDevice(configuredDevice, null);
    }
}
