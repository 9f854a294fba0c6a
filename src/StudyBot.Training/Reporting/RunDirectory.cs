using StudyBot.Training.Training;

namespace StudyBot.Training.Reporting;

/// <summary>
/// A run folder as the chat feature prepares it: settings.json inside, outputs written beside it. The folder is the
/// run's output directory whatever settings.json says, and relative model/data paths are taken relative to it.
/// </summary>
public sealed class RunDirectory
{
    public RunDirectory(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        Path = System.IO.Path.GetFullPath(path);
        Outputs = new RunOutputPaths(Path);
    }

    public string Path { get; }

    public RunOutputPaths Outputs { get; }

    public bool HasCheckpoint => TrainingCheckpoints.FindLatest(Outputs) is not null;

    /// <summary>Writes settings.json (the output directory is recorded as this folder).</summary>
    public static RunDirectory Create(string path, FineTuneSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var directory = new RunDirectory(path);
        Directory.CreateDirectory(directory.Path);
        FineTuneSettingsJson.Save(settings with { OutputDirectory = directory.Path }, directory.Outputs.Settings);
        return directory;
    }

    /// <summary>Reads settings.json; throws <see cref="FineTuneValidationException"/> when it is missing or malformed.</summary>
    public FineTuneSettings ReadSettings()
    {
        if (!Directory.Exists(Path))
        {
            throw new FineTuneValidationException($"run folder '{Path}' does not exist.");
        }

        var settings = FineTuneSettingsJson.Load(Outputs.Settings);
        return settings with
        {
            OutputDirectory = Path,
            ModelDirectory = Resolve(settings.ModelDirectory),
            DataPath = Resolve(settings.DataPath),
        };
    }

    public RunMetrics ReadMetrics() => RunJson.Read<RunMetrics>(Outputs.Metrics);

    private string Resolve(string relativeOrAbsolute) =>
        string.IsNullOrWhiteSpace(relativeOrAbsolute) || System.IO.Path.IsPathRooted(relativeOrAbsolute)
            ? relativeOrAbsolute
            : System.IO.Path.GetFullPath(System.IO.Path.Combine(Path, relativeOrAbsolute));
}
