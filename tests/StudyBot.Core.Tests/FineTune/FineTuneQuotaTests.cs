using StudyBot.Core.FineTune;
using static StudyBot.Core.Tests.FineTune.FineTuneRunFactory;

namespace StudyBot.Core.Tests.FineTune;

public sealed class FineTuneQuotaTests
{
    [Fact]
    public void A_member_at_the_active_run_limit_is_refused()
    {
        var options = new FineTuneOptions { MaxActiveRunsPerMember = 2 };
        var runs = new[] { Queued("r1", 1, 0), Running("r2", 1, 1) };

        var reason = FineTuneQuota.Check(runs, T0.AddMinutes(5), options);

        Assert.NotNull(reason);
        Assert.Contains("limit 2", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Finished_runs_do_not_count_as_active()
    {
        var options = new FineTuneOptions { MaxActiveRunsPerMember = 1, MaxRunsPerMemberPerDay = 5 };
        var runs = new[] { Queued("r1", 1, 0).Cancel(1, T0), Running("r2", 1, 1).Fail("x", [], T0) };

        Assert.Null(FineTuneQuota.Check(runs, T0.AddMinutes(5), options));
    }

    [Fact]
    public void The_daily_limit_uses_a_rolling_24_hours()
    {
        var options = new FineTuneOptions { MaxActiveRunsPerMember = 10, MaxRunsPerMemberPerDay = 2 };
        var runs = new[] { Queued("r1", 1, 0).Cancel(1, T0), Queued("r2", 1, 60).Cancel(1, T0) };

        var refused = FineTuneQuota.Check(runs, T0.AddHours(23), options);
        Assert.NotNull(refused);
        Assert.Contains($"<t:{T0.AddHours(24).ToUnixTimeSeconds()}:R>", refused, StringComparison.Ordinal);

        Assert.Null(FineTuneQuota.Check(runs, T0.AddHours(24).AddMinutes(1), options));
    }
}
