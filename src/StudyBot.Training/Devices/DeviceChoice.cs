namespace StudyBot.Training.Devices;

/// <summary>Where to train: the GPU when there is one (<see cref="Auto"/>), or forced.</summary>
public enum DeviceChoice
{
    Auto,
    Cpu,
    Cuda,
}
