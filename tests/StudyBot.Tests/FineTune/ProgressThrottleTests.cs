using Microsoft.Extensions.Time.Testing;
using StudyBot.FineTune;

namespace StudyBot.Tests.FineTune;

public sealed class ProgressThrottleTests
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(3);

    [Fact]
    public void The_first_action_goes_through_and_the_next_only_once_the_interval_has_passed()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 26, 12, 0, 0, TimeSpan.Zero));
        var throttle = new ProgressThrottle(clock, Interval);

        Assert.True(throttle.TryTake());
        Assert.False(throttle.TryTake());

        clock.Advance(Interval - TimeSpan.FromMilliseconds(1));
        Assert.False(throttle.TryTake());

        clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.True(throttle.TryTake());
        Assert.False(throttle.TryTake());
    }

    [Fact]
    public void The_interval_counts_from_the_last_permitted_action_not_from_refused_ones()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 26, 12, 0, 0, TimeSpan.Zero));
        var throttle = new ProgressThrottle(clock, Interval);
        Assert.True(throttle.TryTake());

        clock.Advance(TimeSpan.FromSeconds(2));
        Assert.False(throttle.TryTake());
        clock.Advance(TimeSpan.FromSeconds(1));

        Assert.True(throttle.TryTake());
    }

    [Fact]
    public void Sixty_steps_a_second_apart_give_one_edit_per_interval()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 26, 12, 0, 0, TimeSpan.Zero));
        var throttle = new ProgressThrottle(clock, Interval);

        var taken = new List<int>();
        for (var step = 0; step < 60; step++)
        {
            if (throttle.TryTake())
            {
                taken.Add(step);
            }

            clock.Advance(TimeSpan.FromSeconds(1));
        }

        Assert.Equal(Enumerable.Range(0, 20).Select(i => i * 3), taken);
    }
}
