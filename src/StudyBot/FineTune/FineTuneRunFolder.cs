using StudyBot.Core.FineTune;

namespace StudyBot.FineTune;

/// <summary>The files of one run under <c>RunsDirectory/&lt;run id&gt;/</c>. The trainer's outputs use its own
/// layout (settings.json, metrics.json, loss.png, samples.json, adapter/, checkpoints/).</summary>
public sealed record FineTuneRunFolder(string Directory)
{
    public static FineTuneRunFolder For(string runsDirectory, string runId) =>
        new(Path.GetFullPath(Path.Combine(runsDirectory, runId)));

    public string Settings => Path.Combine(Directory, "settings.json");

    public string Metrics => Path.Combine(Directory, "metrics.json");

    public string LossPlot => Path.Combine(Directory, "loss.png");

    public string Samples => Path.Combine(Directory, "samples.json");

    public string Adapter => Path.Combine(Directory, "adapter");

    public string AdapterZip => Path.Combine(Directory, "adapter.zip");

    public string Checkpoints => Path.Combine(Directory, "checkpoints");

    /// <summary>The data file, named after its source so the extension tells the trainer the format.</summary>
    public string Dataset(string fileName) => Path.Combine(Directory, "data" + DatasetExtension(fileName));

    public string Dataset(FineTuneDatasetSource source) => source.Kind switch
    {
        FineTuneDatasetKind.Attachment => Dataset(source.Name),
        FineTuneDatasetKind.BuiltInSample => Dataset(BuiltInDatasets.FileName(source.Name)),
        _ => Dataset("paper.txt"),
    };

    public static string DatasetExtension(string fileName) =>
        fileName.EndsWith(".jsonl", StringComparison.OrdinalIgnoreCase) ? ".jsonl" : ".txt";
}
