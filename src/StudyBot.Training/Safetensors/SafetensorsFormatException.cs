namespace StudyBot.Training.Safetensors;

/// <summary>A safetensors file is corrupt, truncated or uses something this reader does not support.</summary>
public sealed class SafetensorsFormatException : Exception
{
    public SafetensorsFormatException()
    {
    }

    public SafetensorsFormatException(string message)
        : base(message)
    {
    }

    public SafetensorsFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public SafetensorsFormatException(string path, string problem)
        : base($"Safetensors file '{path}': {problem}")
    {
        FilePath = path;
    }

    public SafetensorsFormatException(string path, string problem, Exception innerException)
        : base($"Safetensors file '{path}': {problem}", innerException)
    {
        FilePath = path;
    }

    public string? FilePath { get; }
}
