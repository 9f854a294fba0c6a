namespace StudyBot.Core.FineTune;

/// <summary>The training device as far as the host can tell; memory figures are null when unknown (e.g. CPU).</summary>
public sealed record GpuStatus(string Device, string? Name, long? MemoryUsedMiB, long? MemoryTotalMiB);
