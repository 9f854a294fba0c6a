using StudyBot.Training.Evaluation;
using StudyBot.Training.Training;

namespace StudyBot.Training.Reporting;

/// <summary>Writes a run's reports into its folder: metrics.json, loss.png and samples.json.</summary>
public static class RunReportWriter
{
    public static void Write(RunOutputPaths paths, RunMetrics metrics, IReadOnlyList<GeneratedSample> samples)
    {
        ArgumentNullException.ThrowIfNull(paths);
        ArgumentNullException.ThrowIfNull(metrics);
        Directory.CreateDirectory(paths.Directory);
        RunJson.Write(paths.Metrics, metrics);
        SamplesFile.Write(paths.Samples, samples);
        LossCurvePlot.Save(paths.LossPlot, metrics.Steps, metrics.Evaluations, Title(metrics));
    }

    private static string Title(RunMetrics metrics)
    {
        var before = metrics.Before is { } b ? $": validation loss {b.Loss:0.###}" : string.Empty;
        var after = metrics.Before is not null && metrics.After is { } a ? $" → {a.Loss:0.###}" : string.Empty;
        return $"LoRA r={metrics.Settings.Rank} on {string.Join(",", metrics.Settings.TargetModules)}{before}{after}";
    }
}
