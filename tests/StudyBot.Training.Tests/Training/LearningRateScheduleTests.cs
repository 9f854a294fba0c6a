using StudyBot.Training.Training;

namespace StudyBot.Training.Tests.Training;

public sealed class LearningRateScheduleTests
{
    [Fact]
    public void Warm_up_rises_linearly_to_the_peak()
    {
        var schedule = new LearningRateSchedule(1e-3, warmupSteps: 4, totalSteps: 20, LearningRateScheduleKind.Cosine);
        Assert.Equal([0.25e-3, 0.5e-3, 0.75e-3, 1e-3], Enumerable.Range(0, 4).Select(schedule.At), new ToleranceComparer(1e-15));
    }

    [Fact]
    public void Cosine_decay_passes_half_the_peak_midway_and_approaches_zero()
    {
        var schedule = new LearningRateSchedule(1.0, warmupSteps: 10, totalSteps: 110, LearningRateScheduleKind.Cosine);
        Assert.Equal(1.0, schedule.At(10), 12);
        Assert.Equal(0.5, schedule.At(60), 12);
        Assert.Equal(0.5 * (1 + Math.Cos(Math.PI * 0.25)), schedule.At(35), 12);
        Assert.Equal(0.5 * (1 + Math.Cos(Math.PI * 0.99)), schedule.At(109), 12);
        Assert.True(schedule.At(109) < 0.001);
    }

    [Fact]
    public void Linear_decay_falls_in_equal_steps()
    {
        var schedule = new LearningRateSchedule(2.0, warmupSteps: 0, totalSteps: 4, LearningRateScheduleKind.Linear);
        Assert.Equal([2.0, 1.5, 1.0, 0.5], Enumerable.Range(0, 4).Select(schedule.At), new ToleranceComparer(1e-12));
    }

    private sealed class ToleranceComparer(double tolerance) : IEqualityComparer<double>
    {
        public bool Equals(double x, double y) => Math.Abs(x - y) <= tolerance;

        public int GetHashCode(double obj) => 0;
    }
}
