using ScottPlot;

namespace StudyBot.EndToEnd.Tests.Playground;

/// <summary>A real PNG (a small loss curve) for attachment tests.</summary>
internal static class SampleImages
{
    public static byte[] LossCurvePng()
    {
        var steps = Enumerable.Range(1, 60).Select(i => (double)i).ToArray();
        var loss = steps.Select(s => 0.6 + (2.4 * Math.Exp(-s / 12))).ToArray();
        var plot = new Plot();
        plot.Add.Scatter(steps, loss).MarkerSize = 0;
        plot.Title("training loss");
        return plot.GetImageBytes(480, 260, ImageFormat.Png);
    }
}
