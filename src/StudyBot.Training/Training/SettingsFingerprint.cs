using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace StudyBot.Training.Training;

/// <summary>
/// Identifies everything that shapes a run's trajectory (data bytes, base model, hyper-parameters, seed), so a
/// checkpoint is only resumed by the run that wrote it. Reporting-only settings (intervals, prompts, paths) are left out.
/// </summary>
public static class SettingsFingerprint
{
    /// <summary>
    /// Bumped whenever the same file and settings start to give other sequences or another split (v2: the
    /// validation split no longer follows the training seed, and an empty prompt starts from end-of-text), so a
    /// checkpoint of the old layout is not resumed against the new one.
    /// </summary>
    public const string DataLayoutVersion = "data-v2";

    /// <summary>False for a fingerprint of another data layout (an older trainer's checkpoint): this trainer refuses to
    /// resume it whatever the settings.</summary>
    public static bool HasCurrentDataLayout(string? fingerprint) =>
        fingerprint is not null && fingerprint.StartsWith(DataLayoutVersion + "|", StringComparison.Ordinal);

    public static string Compute(FineTuneSettings s, int totalSteps)
    {
        ArgumentNullException.ThrowIfNull(s);
        var dataHash = Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(s.DataPath)));
        var parts = new object?[]
        {
            DataLayoutVersion, dataHash, ModelIdentity(s.ModelDirectory), string.Join(",", s.TargetModules), s.Rank, s.Alpha, s.Dropout, s.LearningRate, totalSteps,
            s.BatchSize, s.SequenceLength, s.GradientAccumulation, s.WarmupSteps, s.Schedule, s.WeightDecay,
            s.MaxGradNorm, s.Seed, s.ValidationFraction,
        };
        return string.Join("|", parts.Select(p => Convert.ToString(p, CultureInfo.InvariantCulture)));
    }

    /// <summary>The base model's config.json, and its weights by size plus their first and last MiB (the header with
    /// every tensor's shape and offset, and the end of the data): a different model is caught without reading
    /// gigabytes; the folder's path and file times are left out, so a copied model still resumes.</summary>
    private static string ModelIdentity(string modelDirectory)
    {
        const int Edge = 1 << 20;
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var config = Path.Combine(modelDirectory, "config.json");
        if (File.Exists(config))
        {
            hash.AppendData(File.ReadAllBytes(config));
        }

        var weights = Path.Combine(modelDirectory, "model.safetensors");
        if (File.Exists(weights))
        {
            using var stream = File.OpenRead(weights);
            hash.AppendData(BitConverter.GetBytes(stream.Length));
            var buffer = new byte[(int)Math.Min(Edge, stream.Length)];
            stream.ReadExactly(buffer);
            hash.AppendData(buffer);
            stream.Seek(-buffer.Length, SeekOrigin.End);
            stream.ReadExactly(buffer);
            hash.AppendData(buffer);
        }

        return Convert.ToHexString(hash.GetHashAndReset());
    }
}
