using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace StudyBot.Training.Training;

/// <summary>
/// Identifies everything that shapes a run's trajectory (data bytes, hyper-parameters, seed), so a checkpoint is
/// only resumed by the run that wrote it. Reporting-only settings (intervals, prompts, paths) are left out.
/// </summary>
public static class SettingsFingerprint
{
    public static string Compute(FineTuneSettings s, int totalSteps)
    {
        ArgumentNullException.ThrowIfNull(s);
        var dataHash = Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(s.DataPath)));
        var parts = new object?[]
        {
            dataHash, string.Join(",", s.TargetModules), s.Rank, s.Alpha, s.Dropout, s.LearningRate, totalSteps,
            s.BatchSize, s.SequenceLength, s.GradientAccumulation, s.WarmupSteps, s.Schedule, s.WeightDecay,
            s.MaxGradNorm, s.Seed, s.ValidationFraction,
        };
        return string.Join("|", parts.Select(p => Convert.ToString(p, CultureInfo.InvariantCulture)));
    }
}
