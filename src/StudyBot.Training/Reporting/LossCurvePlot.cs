using ScottPlot;
using StudyBot.Training.Training;

namespace StudyBot.Training.Reporting;

/// <summary>Draws loss.png: the per-step training loss as a line and validation measurements as points.</summary>
public static class LossCurvePlot
{
    public const int Width = 900;
    public const int Height = 520;

    public static void Save(string path, IReadOnlyList<StepRecord> steps, IReadOnlyList<EvaluationPoint> evaluations, string title)
    {
        ArgumentNullException.ThrowIfNull(steps);
        ArgumentNullException.ThrowIfNull(evaluations);
        var plot = new Plot();
        if (steps.Count > 0)
        {
            var train = plot.Add.Scatter(
                steps.Select(s => (double)s.Step).ToArray(),
                steps.Select(s => double.IsFinite(s.Loss) ? s.Loss : double.NaN).ToArray());
            train.LegendText = "training loss";
            train.MarkerSize = steps.Count == 1 ? 5 : 0;
            train.LineWidth = 1.5f;
        }

        if (evaluations.Count > 0)
        {
            var validation = plot.Add.Scatter(
                evaluations.Select(e => (double)e.Step).ToArray(),
                evaluations.Select(e => e.Loss).ToArray());
            validation.LegendText = "validation loss";
            validation.MarkerSize = 8;
            validation.LineWidth = 1;
            validation.LinePattern = LinePattern.Dashed;
        }

        plot.Title(title);
        plot.XLabel("step");
        plot.YLabel("loss (nats/token)");
        plot.ShowLegend(Alignment.UpperRight);
        var bytes = plot.GetImageBytes(Width, Height, ImageFormat.Png);
        Training.AtomicFile.WriteAllBytes(path, bytes);
    }
}
