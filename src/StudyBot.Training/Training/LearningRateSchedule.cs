namespace StudyBot.Training.Training;

/// <summary>
/// Linear warm-up to the peak, then cosine or linear decay towards zero at the last step. Unlike the common
/// formulation, the first warm-up step already has a non-zero rate (peak / warmup), so no step is wasted.
/// </summary>
public sealed class LearningRateSchedule
{
    public LearningRateSchedule(double peak, int warmupSteps, int totalSteps, LearningRateScheduleKind kind)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(peak);
        ArgumentOutOfRangeException.ThrowIfNegative(warmupSteps);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(totalSteps);
        Peak = peak;
        WarmupSteps = warmupSteps;
        TotalSteps = totalSteps;
        Kind = kind;
    }

    public double Peak { get; }

    public int WarmupSteps { get; }

    public int TotalSteps { get; }

    public LearningRateScheduleKind Kind { get; }

    /// <summary>The rate for optimizer step <paramref name="step"/> (0-based).</summary>
    public double At(int step)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(step);
        if (step < WarmupSteps)
        {
            return Peak * (step + 1) / WarmupSteps;
        }

        var decaySteps = Math.Max(1, TotalSteps - WarmupSteps);
        var progress = Math.Clamp((double)(step - WarmupSteps) / decaySteps, 0.0, 1.0);
        return Kind switch
        {
            LearningRateScheduleKind.Cosine => Peak * 0.5 * (1.0 + Math.Cos(Math.PI * progress)),
            LearningRateScheduleKind.Linear => Peak * (1.0 - progress),
            _ => throw new InvalidOperationException($"Unknown schedule {Kind}."),
        };
    }
}
