using StudyBot.Discord.Gateway;

namespace StudyBot.Discord.Tests.Unit;

public sealed class BackoffPolicyTests
{
    private static readonly BackoffPolicy Policy = new(TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(60), 0.5);

    [Theory]
    [InlineData(1, 2)]
    [InlineData(2, 4)]
    [InlineData(3, 8)]
    [InlineData(5, 32)]
    [InlineData(6, 60)]
    [InlineData(7, 60)]
    [InlineData(1_000, 60)]
    [InlineData(int.MaxValue, 60)]
    public void Nominal_delay_doubles_per_attempt_up_to_the_cap(int attempt, int seconds)
    {
        Assert.Equal(TimeSpan.FromSeconds(seconds), Policy.Nominal(attempt));
    }

    [Fact]
    public void Jitter_spans_from_the_floor_fraction_to_the_full_nominal_delay()
    {
        Assert.Equal(TimeSpan.FromSeconds(4), Policy.Delay(3, 0));
        Assert.Equal(TimeSpan.FromSeconds(6), Policy.Delay(3, 0.5));
        Assert.Equal(TimeSpan.FromSeconds(8), Policy.Delay(3, 1));
        Assert.Equal(TimeSpan.FromSeconds(30), Policy.Delay(50, 0));
        Assert.Equal(TimeSpan.FromSeconds(60), Policy.Delay(50, 1));
    }

    [Fact]
    public void Random_delays_stay_within_the_jitter_range()
    {
        for (var attempt = 1; attempt <= 12; attempt++)
        {
            var nominal = Policy.Nominal(attempt);
            for (var i = 0; i < 50; i++)
            {
                var delay = Policy.Delay(attempt);
                Assert.InRange(delay, nominal / 2, nominal);
            }
        }
    }

    [Fact]
    public void Reconnect_policy_starts_at_one_to_two_seconds_and_is_capped_at_a_minute()
    {
        Assert.Equal(TimeSpan.FromSeconds(1), BackoffPolicy.Reconnect.Delay(1, 0));
        Assert.Equal(TimeSpan.FromSeconds(2), BackoffPolicy.Reconnect.Delay(1, 1));
        Assert.Equal(TimeSpan.FromSeconds(60), BackoffPolicy.Reconnect.Delay(100, 1));
    }

    [Fact]
    public void Identify_policy_first_waits_one_to_five_seconds_as_discord_asks_after_op9_then_grows_to_ten_minutes()
    {
        Assert.Equal(TimeSpan.FromSeconds(1), BackoffPolicy.Identify.Delay(1, 0));
        Assert.Equal(TimeSpan.FromSeconds(5), BackoffPolicy.Identify.Delay(1, 1));
        Assert.Equal(TimeSpan.FromSeconds(10), BackoffPolicy.Identify.Nominal(2));
        Assert.Equal(TimeSpan.FromMinutes(10), BackoffPolicy.Identify.Nominal(9));
        Assert.Equal(TimeSpan.FromMinutes(2), BackoffPolicy.Identify.Delay(40, 0));
    }

    [Fact]
    public void Bad_arguments_are_rejected_with_clear_exceptions()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Policy.Nominal(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => Policy.Delay(1, 1.5));
        Assert.Throws<ArgumentOutOfRangeException>(() => Policy.Delay(1, double.NaN));
        Assert.Throws<ArgumentOutOfRangeException>(() => new BackoffPolicy(TimeSpan.Zero, TimeSpan.FromSeconds(1), 0.5));
        Assert.Throws<ArgumentOutOfRangeException>(() => new BackoffPolicy(TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(1), 0.5));
        Assert.Throws<ArgumentOutOfRangeException>(() => new BackoffPolicy(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), -0.1));
    }
}
