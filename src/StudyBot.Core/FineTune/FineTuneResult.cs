namespace StudyBot.Core.FineTune;

/// <summary>What a finished run produced.</summary>
/// <param name="LossPlotPath">The loss-curve PNG on the host; null when the trainer wrote none.</param>
/// <param name="AdapterZipPath">The zipped adapter on the host.</param>
/// <param name="AdapterTooLargeToUpload">The zip exceeds the upload limit, so the result names its host path instead.</param>
public sealed record FineTuneResult(
    double? ValidationLossBefore,
    double? ValidationLossAfter,
    double? PerplexityBefore,
    double? PerplexityAfter,
    IReadOnlyList<FineTuneSample> Samples,
    string? LossPlotPath,
    string? AdapterDirectory,
    string? AdapterZipPath,
    bool AdapterTooLargeToUpload,
    TimeSpan Duration);
