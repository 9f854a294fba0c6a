using StudyBot.Core.FineTune;

namespace StudyBot.FineTune;

/// <summary>
/// Start-up checks of the folders the fine-tune feature uses. The runs folder is created when missing and must be
/// writable (a run that cannot store its data would fail only when a member asks for it). A missing models folder
/// is an error — a mistyped path would otherwise show up as "no models" in chat — except the default "models",
/// which is created so a fresh install starts.
/// </summary>
public static class FineTuneFolders
{
    private const string ProbeFileName = ".studybot-write-check";

    /// <summary>Creates what may be created; every problem as a sentence naming the setting.</summary>
    public static IReadOnlyList<string> Prepare(FineTuneOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        var section = FineTuneOptions.SectionName;
        if (string.IsNullOrWhiteSpace(options.RunsDirectory) || string.IsNullOrWhiteSpace(options.ModelsDirectory))
        {
            return errors; // Reported by FineTuneOptions.Validate ([Required]).
        }

        try
        {
            Directory.CreateDirectory(options.RunsDirectory);
            var probe = Path.Combine(options.RunsDirectory, ProbeFileName);
            File.WriteAllText(probe, "ok");
            File.Delete(probe);

            // Data of requests that were being checked when the bot stopped: never stored, so never needed.
            var staging = Path.Combine(options.RunsDirectory, FineTuneRequestService.StagingFolderName);
            if (Directory.Exists(staging))
            {
                Directory.Delete(staging, recursive: true);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            errors.Add($"{section}:RunsDirectory '{Path.GetFullPath(options.RunsDirectory)}' cannot be created or written to ({e.Message}). " +
                       "Point it at a folder the bot's user can write.");
        }

        if (!Directory.Exists(options.ModelsDirectory))
        {
            if (IsDefaultModelsDirectory(options.ModelsDirectory))
            {
                try
                {
                    Directory.CreateDirectory(options.ModelsDirectory);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    errors.Add($"{section}:ModelsDirectory '{Path.GetFullPath(options.ModelsDirectory)}' does not exist and cannot be created ({e.Message}).");
                }
            }
            else
            {
                errors.Add($"{section}:ModelsDirectory '{Path.GetFullPath(options.ModelsDirectory)}' does not exist. " +
                           "Create it and put one Hugging Face model folder per model in it (e.g. `studybot make-tiny-model`), or fix the path.");
            }
        }

        return errors;
    }

    private static bool IsDefaultModelsDirectory(string path) =>
        string.Equals(path.TrimEnd('/', '\\'), new FineTuneOptions().ModelsDirectory, StringComparison.Ordinal);
}
