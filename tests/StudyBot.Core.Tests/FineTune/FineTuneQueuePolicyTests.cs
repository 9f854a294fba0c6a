using StudyBot.Core.FineTune;
using static StudyBot.Core.Tests.FineTune.FineTuneRunFactory;

namespace StudyBot.Core.Tests.FineTune;

public sealed class FineTuneQueuePolicyTests
{
    [Fact]
    public void A_member_with_three_queued_runs_does_not_block_another_members_first()
    {
        var queued = new[] { Queued("r1", 1, 0), Queued("r2", 1, 1), Queued("r3", 1, 2), Queued("r4", 2, 3) };

        var order = FineTuneQueuePolicy.Order(queued, []).Select(r => r.Id);

        Assert.Equal(["r1", "r4", "r2", "r3"], order);
    }

    [Fact]
    public void Members_take_turns_in_order_of_their_requests()
    {
        var queued = new[] { Queued("r1", 1, 0), Queued("r2", 2, 1), Queued("r3", 1, 2), Queued("r4", 3, 3), Queued("r5", 2, 4) };

        Assert.Equal(["r1", "r2", "r4", "r3", "r5"], FineTuneQueuePolicy.Order(queued, []).Select(r => r.Id));
    }

    [Fact]
    public void A_member_whose_run_is_training_waits_behind_members_with_nothing_running()
    {
        var running = new[] { Running("r1", 1, 0) };
        var queued = new[] { Queued("r2", 1, 1), Queued("r3", 2, 2) };

        Assert.Equal(["r3", "r2"], FineTuneQueuePolicy.Order(queued, running).Select(r => r.Id));
    }

    [Fact]
    public void Interrupted_runs_go_first()
    {
        var interrupted = Running("r9", 3, 50).Interrupt(resume: true, T0.AddMinutes(60));
        var queued = new[] { Queued("r1", 1, 0), interrupted };

        Assert.Equal("r9", FineTuneQueuePolicy.Order(queued, [])[0].Id);
    }

    [Fact]
    public void No_run_starts_while_every_slot_is_taken()
    {
        var queued = new[] { Queued("r2", 2, 1), Queued("r3", 3, 2) };
        Assert.Empty(FineTuneQueuePolicy.PickNext(queued, [Running("r1", 1, 0)], concurrency: 1));
        Assert.Equal(["r2"], FineTuneQueuePolicy.PickNext(queued, [Running("r1", 1, 0)], concurrency: 2).Select(r => r.Id));
        Assert.Equal(["r2", "r3"], FineTuneQueuePolicy.PickNext(queued, [], concurrency: 3).Select(r => r.Id));
    }

    [Fact]
    public void Positions_count_from_one_in_policy_order_and_skip_runs_not_queued()
    {
        var awaiting = Requested("r5", 4).Submit(requireApproval: true, T0);
        var positions = FineTuneQueuePolicy.Positions([Queued("r1", 1, 0), Queued("r2", 1, 1), Queued("r3", 2, 2), awaiting], []);

        Assert.Equal(1, positions["r1"]);
        Assert.Equal(2, positions["r3"]);
        Assert.Equal(3, positions["r2"]);
        Assert.False(positions.ContainsKey("r5"));
    }
}
