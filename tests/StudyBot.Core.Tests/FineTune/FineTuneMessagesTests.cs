using StudyBot.Core.Commands;
using StudyBot.Core.FineTune;
using static StudyBot.Core.Tests.FineTune.FineTuneRunFactory;

namespace StudyBot.Core.Tests.FineTune;

public sealed class FineTuneMessagesTests
{
    [Fact]
    public void The_waiting_message_shows_the_position_and_a_cancel_button()
    {
        var response = FineTuneMessages.Waiting(Queued("r3", 1, 0), position: 2);

        Assert.Contains("position 2", response.Content, StringComparison.Ordinal);
        var button = Assert.IsType<ButtonComponent>(Assert.Single(Assert.Single(response.Components).Components));
        Assert.Equal("ft:cancel:r3", button.CustomId);
        Assert.Null(CommandResponseLimits.FindViolation(response));
    }

    [Fact]
    public void The_progress_message_shows_bar_step_loss_speed_and_eta()
    {
        var run = Running("r3", 1, 0).ReportProgress(new FineTuneProgress(50, 200, 1.23456, 1e-3, 12345, TimeSpan.FromSeconds(95), T0));

        var content = FineTuneMessages.Progress(run).Content!;

        Assert.Contains("`█████░░░░░░░░░░░░░░░` 25%", content, StringComparison.Ordinal);
        Assert.Contains("step 50/200", content, StringComparison.Ordinal);
        Assert.Contains("loss 1.2346", content, StringComparison.Ordinal);
        Assert.Contains("12,345 tokens/s", content, StringComparison.Ordinal);
        Assert.Contains("ETA 1m 35s", content, StringComparison.Ordinal);
    }

    [Fact]
    public void The_result_mentions_the_requester_and_names_the_host_path_of_a_too_large_adapter()
    {
        var result = new FineTuneResult(3.5, 1.25, 33.1, 3.49, [new FineTuneSample("Attention", "xx", "is all")], "/runs/r3/loss.png", "/runs/r3", "/runs/r3/adapter.zip", true, TimeSpan.FromSeconds(70));
        var run = Running("r3", 42, 0).Succeed(result, T0);

        var response = FineTuneMessages.Result(run, [new ResponseFile("loss.png", [1, 2, 3], "image/png")]);

        Assert.StartsWith("<@42>", response.Content, StringComparison.Ordinal);
        Assert.Contains("/runs/r3/adapter.zip", response.Content, StringComparison.Ordinal);
        var embed = Assert.Single(response.Embeds);
        Assert.Equal("loss.png", embed.ImageFileName);
        Assert.Contains(embed.Fields!, f => f.Value == "3.500 → 1.250");
        Assert.Equal("ft:sample:r3", Assert.IsType<ButtonComponent>(response.Components[0].Components[0]).CustomId);
        Assert.Null(CommandResponseLimits.FindViolation(response));
    }

    [Fact]
    public void The_failure_notice_quotes_the_error_tail_within_the_length_limit()
    {
        var tail = Enumerable.Range(0, 30).Select(i => new string('x', 200) + i).ToList();
        var run = Running("r3", 42, 0).Fail("The trainer exited with code 1.", tail, T0);

        var content = FineTuneMessages.FailureNotice(run).Content!;

        Assert.Contains("exited with code 1", content, StringComparison.Ordinal);
        Assert.Contains("x29", content, StringComparison.Ordinal);
        Assert.True(content.Length <= CommandResponseLimits.MaxContentLength);
    }

    [Fact]
    public void Custom_ids_round_trip()
    {
        Assert.True(FineTuneCustomIds.TryParse(FineTuneCustomIds.SampleAgain("r12"), out var action, out var run));
        Assert.Equal(("sample", "r12"), (action, run));
        Assert.False(FineTuneCustomIds.TryParse("rsvp:yes", out _, out _));
    }
}
