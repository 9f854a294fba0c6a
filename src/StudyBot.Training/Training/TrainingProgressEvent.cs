namespace StudyBot.Training.Training;

/// <summary>
/// State after optimizer step <see cref="Step"/> (1-based) of <see cref="TotalSteps"/>. <see cref="Loss"/> is that
/// step's mean training loss; throughput is real input tokens (padding not counted) per second since the previous
/// progress event. GPU memory is the device's in-use memory from NVML, on CUDA only.
/// </summary>
public sealed record TrainingProgressEvent(
    int Step,
    int TotalSteps,
    double Loss,
    double LearningRate,
    double GradNorm,
    double TokensPerSecond,
    TimeSpan Elapsed,
    TimeSpan Eta,
    long? GpuMemoryBytes) : TrainingEvent;
