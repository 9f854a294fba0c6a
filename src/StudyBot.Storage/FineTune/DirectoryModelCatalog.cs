using StudyBot.Core.FineTune;

namespace StudyBot.Storage.FineTune;

/// <summary>The models folder on the host: every sub-folder with config.json and model.safetensors is a model.
/// Read on each call, so models copied in while the bot runs show up without a restart.</summary>
public sealed class DirectoryModelCatalog(string modelsDirectory) : IModelCatalog
{
    public IReadOnlyList<FineTuneModelInfo> List()
    {
        if (!Directory.Exists(modelsDirectory))
        {
            return [];
        }

        return Directory.EnumerateDirectories(modelsDirectory)
            .Select(ToModel)
            .OfType<FineTuneModelInfo>()
            .OrderBy(m => m.Name, StringComparer.Ordinal)
            .ToList();
    }

    public FineTuneModelInfo? Find(string name)
    {
        // A name is one folder name: no separators or dot-segments that could leave the models folder.
        if (string.IsNullOrWhiteSpace(name) || name.IndexOfAny(['/', '\\']) >= 0 || name is "." or "..")
        {
            return null;
        }

        var directory = Path.Combine(modelsDirectory, name);
        return Directory.Exists(directory) ? ToModel(directory) : null;
    }

    private static FineTuneModelInfo? ToModel(string directory)
    {
        var config = Path.Combine(directory, "config.json");
        var weights = Path.Combine(directory, "model.safetensors");
        if (!File.Exists(config) || !File.Exists(weights))
        {
            return null;
        }

        return new FineTuneModelInfo(Path.GetFileName(directory), Path.GetFullPath(directory), new FileInfo(weights).Length);
    }
}
