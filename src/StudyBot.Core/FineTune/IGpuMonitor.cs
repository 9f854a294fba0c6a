namespace StudyBot.Core.FineTune;

/// <summary>Reads the training device's name and memory in use, for <c>/gpu</c>.</summary>
public interface IGpuMonitor
{
    Task<GpuStatus> GetStatusAsync(CancellationToken cancellationToken);
}
