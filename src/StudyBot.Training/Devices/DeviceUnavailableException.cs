namespace StudyBot.Training.Devices;

/// <summary>The requested device or libtorch cannot be used; the message says why and what to check.</summary>
public sealed class DeviceUnavailableException : Exception
{
    public DeviceUnavailableException()
    {
    }

    public DeviceUnavailableException(string message)
        : base(message)
    {
    }

    public DeviceUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
