using StudyBot.Core.FineTune;
using static StudyBot.Core.Tests.FineTune.FineTuneRunFactory;

namespace StudyBot.Core.Tests.FineTune;

public sealed class FineTuneRunTests
{
    [Fact]
    public void A_run_goes_from_requested_through_queued_and_running_to_succeeded()
    {
        var run = Requested("r1").Submit(requireApproval: false, T0);
        Assert.Equal(FineTuneRunState.Queued, run.State);
        Assert.Equal(T0, run.QueuedAt);

        run = run.Start(T0.AddMinutes(1));
        Assert.Equal(FineTuneRunState.Running, run.State);
        Assert.Equal(1, run.Attempts);

        run = run.ReportProgress(new FineTuneProgress(5, 100, 2.5, 1e-3, 1000, TimeSpan.FromSeconds(30), T0.AddMinutes(2)));
        var result = new FineTuneResult(3, 2, 20, 7.4, [], "loss.png", "adapter", "adapter.zip", false, TimeSpan.FromMinutes(3));
        run = run.Succeed(result, T0.AddMinutes(4));

        Assert.Equal(FineTuneRunState.Succeeded, run.State);
        Assert.Equal(result, run.Result);
        Assert.Equal(T0.AddMinutes(4), run.FinishedAt);
        Assert.True(run.IsFinal);
    }

    [Fact]
    public void Approval_mode_holds_the_run_until_an_admin_approves_it()
    {
        var run = Requested("r1").Submit(requireApproval: true, T0);
        Assert.Equal(FineTuneRunState.AwaitingApproval, run.State);
        Assert.Throws<FineTuneTransitionException>(() => run.Start(T0));

        run = run.Approve(99, T0.AddMinutes(5));
        Assert.Equal(FineTuneRunState.Queued, run.State);
        Assert.Equal(99UL, run.ApprovedBy);
        Assert.Equal(T0.AddMinutes(5), run.QueuedAt);
    }

    [Fact]
    public void Finished_runs_refuse_every_further_transition()
    {
        var cancelled = Queued("r1", 1, 0).Cancel(1, T0);
        Assert.Throws<FineTuneTransitionException>(() => cancelled.Cancel(1, T0));
        Assert.Throws<FineTuneTransitionException>(() => cancelled.Start(T0));
        Assert.Throws<FineTuneTransitionException>(() => cancelled.Fail("x", [], T0));
        Assert.Throws<FineTuneTransitionException>(() => cancelled.Interrupt(true, T0));
        var failed = Running("r2", 1, 0).Fail("boom", ["line"], T0);
        Assert.Throws<FineTuneTransitionException>(() => failed.Succeed(new FineTuneResult(null, null, null, null, [], null, null, null, false, TimeSpan.Zero), T0));
    }

    [Fact]
    public void A_queued_run_cannot_report_progress_or_succeed()
    {
        var run = Queued("r1", 1, 0);
        var error = Assert.Throws<FineTuneTransitionException>(() => run.ReportProgress(new FineTuneProgress(1, 2, 1, 1, 1, null, T0)));
        Assert.Contains("r1 is queued", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_run_still_being_requested_can_be_failed_but_not_an_awaiting_one()
    {
        var failed = Requested("r1").Fail("The bot restarted.", [], T0);
        Assert.Equal(FineTuneRunState.Failed, failed.State);
        Assert.Equal("The bot restarted.", failed.Error);
        Assert.Throws<FineTuneTransitionException>(() => Requested("r2").Submit(requireApproval: true, T0).Fail("x", [], T0));
    }

    [Fact]
    public void Failing_keeps_only_the_last_lines_of_the_error_output()
    {
        var lines = Enumerable.Range(1, 100).Select(i => "line " + i).ToList();
        var run = Running("r1", 1, 0).Fail("The trainer exited with code 137.", lines, T0);
        Assert.Equal(FineTuneRun.ErrorTailLines, run.ErrorTail.Count);
        Assert.Equal("line 100", run.ErrorTail[^1]);
        Assert.Equal("line 71", run.ErrorTail[0]);
    }

    [Fact]
    public void Cancelling_a_running_run_is_first_a_request_then_a_cancellation()
    {
        var run = Running("r1", 1, 0).RequestCancel(7, T0.AddMinutes(3));
        Assert.Equal(FineTuneRunState.Running, run.State);
        Assert.Equal(T0.AddMinutes(3), run.CancelRequestedAt);

        run = run.Cancel(null, T0.AddMinutes(4));
        Assert.Equal(FineTuneRunState.Cancelled, run.State);
        Assert.Equal(7UL, run.CancelledBy);
    }

    [Fact]
    public void An_interrupted_run_goes_back_to_the_queue_and_counts_the_resume()
    {
        var run = Running("r1", 1, 0)
            .ReportProgress(new FineTuneProgress(40, 100, 1.2, 1e-3, 500, null, T0))
            .Interrupt(resume: true, T0.AddMinutes(10));

        Assert.Equal(FineTuneRunState.Queued, run.State);
        Assert.Equal(1, run.ResumeCount);
        Assert.True(run.ResumeFromCheckpoint);
        Assert.True(run.Interrupted);
        Assert.Equal(40, run.Progress?.Step);

        var restarted = Running("r2", 1, 0).Interrupt(resume: false, T0);
        Assert.False(restarted.ResumeFromCheckpoint);
        Assert.Null(restarted.Progress);
    }

    [Fact]
    public void A_resumed_run_keeps_the_time_its_earlier_attempts_trained_and_one_that_starts_over_does_not()
    {
        var start = T0.AddMinutes(1);
        var first = Requested("r1").Submit(requireApproval: false, T0).Start(start)
            .ReportProgress(new FineTuneProgress(40, 100, 1.2, 1e-3, 500, null, start.AddMinutes(110)))
            .Interrupt(resume: true, start.AddMinutes(200));
        Assert.Equal(TimeSpan.FromMinutes(110), first.EarlierAttemptsTime);

        // A second attempt dies before it reports anything: it adds nothing, the first one's time stays.
        var second = first.Start(start.AddMinutes(300)).Interrupt(resume: true, start.AddMinutes(301));
        Assert.Equal(TimeSpan.FromMinutes(110), second.EarlierAttemptsTime);

        var third = second.Start(start.AddMinutes(400))
            .ReportProgress(new FineTuneProgress(60, 100, 1.1, 1e-3, 500, null, start.AddMinutes(405)))
            .Interrupt(resume: false, start.AddMinutes(406));
        Assert.Equal(TimeSpan.Zero, third.EarlierAttemptsTime);
    }

    [Fact]
    public void The_interaction_token_is_only_used_within_its_lifetime()
    {
        var message = new FineTuneMessageRef(20, null, "token", T0);
        Assert.True(message.InteractionTokenUsable(T0.AddMinutes(13)));
        Assert.False(message.InteractionTokenUsable(T0.AddMinutes(15)));
        Assert.False(message.Editable(T0.AddMinutes(15)));
        Assert.True((message with { MessageId = 5 }).Editable(T0.AddHours(5)));
    }
}
