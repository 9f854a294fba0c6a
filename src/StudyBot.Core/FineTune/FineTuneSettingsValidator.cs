using System.Globalization;

namespace StudyBot.Core.FineTune;

/// <summary>Range checks of a member's settings against the server's limits, as member-facing sentences.</summary>
public static class FineTuneSettingsValidator
{
    public const int MaxPromptLength = 500;

    public static IReadOnlyList<string> Validate(FineTuneRunSettings settings, FineTuneOptions options)
    {
        var errors = new List<string>();
        if (settings.Rank < 1 || settings.Rank > options.MaxRank)
        {
            errors.Add($"`rank` must be between 1 and {options.MaxRank} (got {settings.Rank}).");
        }

        if (!double.IsFinite(settings.Alpha) || settings.Alpha <= 0 || settings.Alpha > 4096)
        {
            errors.Add($"`alpha` must be above 0 and at most 4096 (got {Format(settings.Alpha)}).");
        }

        if (settings.Steps < 1 || settings.Steps > options.MaxSteps)
        {
            errors.Add($"`steps` must be between 1 and {options.MaxSteps} (got {settings.Steps}).");
        }

        if (!double.IsFinite(settings.LearningRate) || settings.LearningRate <= 0 || settings.LearningRate > 1)
        {
            errors.Add($"`lr` must be above 0 and at most 1 (got {Format(settings.LearningRate)}).");
        }

        if (settings.SequenceLength < 8 || settings.SequenceLength > options.MaxSeqLen)
        {
            errors.Add($"`seq_len` must be between 8 and {options.MaxSeqLen} (got {settings.SequenceLength}).");
        }

        if (settings.Seed < 0)
        {
            errors.Add($"`seed` must not be negative (got {settings.Seed}).");
        }

        if (settings.TargetModules.Count == 0)
        {
            errors.Add("`targets` must name at least one layer, e.g. `c_attn`.");
        }

        var unknown = settings.TargetModules.Where(t => !FineTuneRunSettings.KnownTargetModules.Contains(t, StringComparer.Ordinal)).ToList();
        if (unknown.Count > 0)
        {
            errors.Add($"`targets` has unknown layer name{(unknown.Count > 1 ? "s" : "")} {string.Join(", ", unknown.Select(u => $"`{u}`"))}; " +
                       $"choose from {string.Join(", ", FineTuneRunSettings.KnownTargetModules.Select(k => $"`{k}`"))}.");
        }

        if (settings.Prompt is { Length: > MaxPromptLength })
        {
            errors.Add($"`prompt` must be at most {MaxPromptLength} characters (got {settings.Prompt.Length}).");
        }

        if (settings.Dataset.SizeBytes > options.MaxDatasetBytes)
        {
            errors.Add($"The data set is {FormatBytes(settings.Dataset.SizeBytes)}; the limit is {FormatBytes(options.MaxDatasetBytes)}.");
        }

        return errors;
    }

    /// <summary>Splits a comma- or space-separated list of target modules.</summary>
    public static IReadOnlyList<string> ParseTargets(string? text) =>
        string.IsNullOrWhiteSpace(text)
            ? FineTuneRunSettings.DefaultTargetModules
            : text.Split([',', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct(StringComparer.Ordinal).ToList();

    public static string FormatBytes(long bytes) => bytes switch
    {
        >= 1024 * 1024 => (bytes / (1024.0 * 1024.0)).ToString("0.#", CultureInfo.InvariantCulture) + " MiB",
        >= 1024 => (bytes / 1024.0).ToString("0.#", CultureInfo.InvariantCulture) + " KiB",
        _ => bytes.ToString(CultureInfo.InvariantCulture) + " bytes",
    };

    private static string Format(double value) => value.ToString("G4", CultureInfo.InvariantCulture);
}
