using Microsoft.Extensions.Time.Testing;
using StudyBot.Discord.Gateway;
using StudyBot.Discord.Rest;

namespace StudyBot.Discord.Tests.Unit;

public sealed class GatewayLimitersTests
{
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));

    [Fact]
    public void Send_limiter_allows_120_frames_per_minute_then_waits_for_the_oldest_to_expire()
    {
        var limiter = new GatewaySendLimiter(time);
        for (var i = 0; i < 120; i++)
        {
            Assert.Equal(TimeSpan.Zero, limiter.TryTake());
            time.Advance(TimeSpan.FromMilliseconds(100));
        }

        Assert.Equal(TimeSpan.FromSeconds(48), limiter.TryTake());
        time.Advance(TimeSpan.FromSeconds(48));
        Assert.Equal(TimeSpan.Zero, limiter.TryTake());
    }

    [Fact]
    public async Task Identify_budget_allows_max_concurrency_per_five_seconds()
    {
        var budget = new IdentifyBudget(time);
        budget.Refresh(new SessionStartLimit(1000, 900, 3_600_000, 1));

        await budget.TakeAsync(CancellationToken.None);
        var second = budget.TakeAsync(CancellationToken.None).AsTask();
        Assert.False(second.IsCompleted);

        time.Advance(TimeSpan.FromSeconds(5));
        await second.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(898, budget.Current!.Remaining);
    }

    [Fact]
    public void Identify_budget_refuses_at_the_floor()
    {
        var budget = new IdentifyBudget(time);
        budget.Refresh(new SessionStartLimit(1000, 10, 3_600_000, 1));

        Assert.False(budget.HasBudget(10));
        Assert.True(budget.HasBudget(9));
    }

    [Fact]
    public async Task Identify_budget_caps_identifies_per_rolling_hour()
    {
        var budget = new IdentifyBudget(time);
        budget.Refresh(new SessionStartLimit(1000, 1000, 86_400_000, 1));
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(TimeSpan.Zero, budget.HourlyWait(3));
            await budget.TakeAsync(CancellationToken.None);
            time.Advance(TimeSpan.FromMinutes(10));
        }

        // Spent at 0, 10 and 20 minutes; it is now 30 minutes: the oldest leaves the hour in 30 minutes.
        Assert.Equal(3, budget.SpentLastHour);
        Assert.Equal(TimeSpan.FromMinutes(30), budget.HourlyWait(3));
        Assert.Equal(TimeSpan.FromMinutes(50), budget.HourlyWait(1));
        Assert.Equal(TimeSpan.Zero, budget.HourlyWait(4));

        time.Advance(TimeSpan.FromMinutes(30));
        Assert.Equal(2, budget.SpentLastHour);
        Assert.Equal(TimeSpan.Zero, budget.HourlyWait(3));
        Assert.Throws<ArgumentOutOfRangeException>(() => budget.HourlyWait(0));
    }

    [Fact]
    public void Close_codes_split_into_fatal_new_session_and_resumable()
    {
        Assert.All(new[] { 4004, 4010, 4011, 4012, 4013, 4014 }, code => Assert.True(GatewayCloseCodes.IsFatal(code)));
        Assert.All(new[] { 4000, 4001, 4002, 4003, 4005, 4007, 4008, 4009 }, code => Assert.False(GatewayCloseCodes.IsFatal(code)));
        Assert.True(GatewayCloseCodes.NeedsNewSession(4007));
        Assert.True(GatewayCloseCodes.NeedsNewSession(4009));
        Assert.False(GatewayCloseCodes.NeedsNewSession(4000));
    }
}
