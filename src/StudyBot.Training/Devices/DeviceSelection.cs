using TorchSharp;

namespace StudyBot.Training.Devices;

/// <summary>The device chosen for a run and the report saying how it was reached.</summary>
public sealed record DeviceSelection(torch.Device Device, DeviceReport Report)
{
    public bool IsCuda => Device.type == DeviceType.CUDA;
}
