using StudyBot.FineTune;

namespace StudyBot.Tests.FineTune;

public sealed class FineTuneMemberLocksTests
{
    [Fact]
    public async Task A_members_second_request_waits_for_the_first_and_other_members_do_not()
    {
        var locks = new FineTuneMemberLocks();
        var first = await locks.EnterAsync(1, CancellationToken.None);

        // Whichever server it comes from: the member's limits count across servers.
        var second = locks.EnterAsync(1, CancellationToken.None);
        var otherMember = locks.EnterAsync(2, CancellationToken.None);

        Assert.False(second.IsCompleted);
        Assert.True(otherMember.IsCompletedSuccessfully);

        first.Dispose();
        first.Dispose(); // A second dispose releases nothing more.
        (await second).Dispose();
        (await otherMember).Dispose();
        Assert.Equal(0, locks.Count);
    }

    [Fact]
    public async Task A_cancelled_wait_leaves_the_lock_usable_and_forgets_the_member()
    {
        var locks = new FineTuneMemberLocks();
        var held = await locks.EnterAsync(1, CancellationToken.None);
        using var cancel = new CancellationTokenSource();

        var waiting = locks.EnterAsync(1, cancel.Token);
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);

        held.Dispose();
        Assert.Equal(0, locks.Count);
        (await locks.EnterAsync(1, CancellationToken.None)).Dispose();
        Assert.Equal(0, locks.Count);
    }
}
