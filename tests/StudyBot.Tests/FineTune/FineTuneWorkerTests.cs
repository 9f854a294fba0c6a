using System.IO.Compression;
using StudyBot.Core.Commands;
using Microsoft.Extensions.Time.Testing;
using StudyBot.Core.FineTune;

namespace StudyBot.Tests.FineTune;

public sealed class FineTuneWorkerTests
{
    [Fact]
    public async Task A_successful_run_stores_its_results_and_posts_them_with_the_loss_plot_and_adapter_zip()
    {
        await using var harness = new FineTuneWorkerHarness();
        await harness.StartAsync();

        var run = await harness.QueueAsync(FakeTrainerScripts.Succeeds());
        var done = await harness.WaitForStateAsync(run.Id, FineTuneRunState.Succeeded);

        var result = done.Result!;
        Assert.Equal(3.5, result.ValidationLossBefore);
        Assert.Equal(1.25, result.ValidationLossAfter);
        Assert.Equal(3.49, result.PerplexityAfter);
        Assert.Equal(new FineTuneSample("Attention", "qq", "is all"), Assert.Single(result.Samples));
        Assert.False(result.AdapterTooLargeToUpload);
        using (var zip = ZipFile.OpenRead(result.AdapterZipPath!))
        {
            Assert.Equal(["adapter_config.json", "adapter_model.safetensors"], zip.Entries.Select(e => e.FullName).Order());
        }

        var settingsJson = File.ReadAllText(harness.Folder(run.Id).Settings);
        Assert.Contains("\"rank\": 4", settingsJson, StringComparison.Ordinal);
        Assert.Contains("\"steps\": 20", settingsJson, StringComparison.Ordinal);

        await FineTuneWorkerHarness.WaitUntilAsync(() => harness.Notifier.For(run.Id, "result").Count == 1, "the result is posted");
        var post = harness.Notifier.For(run.Id, "result")[0].Message;
        Assert.Equal(["loss.png", "adapter.zip"], post.Files.Select(f => f.FileName));
        Assert.Equal("PNGDATA"u8.ToArray(), post.Files[0].Content);
        Assert.Contains("<@1>", post.Content, StringComparison.Ordinal);

        // With the results out, the checkpoints go; what the results and "Sample again" use stays.
        var folder = harness.Folder(run.Id);
        await FineTuneWorkerHarness.WaitUntilAsync(() => !Directory.Exists(folder.Checkpoints), "the checkpoints are deleted");
        Assert.True(File.Exists(Path.Combine(folder.Adapter, "adapter_model.safetensors")));
        Assert.True(File.Exists(folder.AdapterZip));
        Assert.True(File.Exists(folder.LossPlot));
        Assert.True(File.Exists(folder.Samples));
        Assert.True(File.Exists(folder.Settings));
    }

    [Fact]
    public async Task The_device_the_trainer_reports_is_stored_and_shown_in_the_progress_message_and_the_results()
    {
        await using var harness = new FineTuneWorkerHarness();
        await harness.StartAsync();
        const string deviceLine = """
            echo '{"type":"status","message":"device cpu; libtorch packaged with TorchSharp 2.5.1 (/opt/t/libtorch_cpu.so); CUDA available: yes; CPU threads: 2"}'
            """;

        var run = await harness.QueueAsync(deviceLine + "\n" + FakeTrainerScripts.Succeeds());
        var done = await harness.WaitForStateAsync(run.Id, FineTuneRunState.Succeeded);

        const string expected = "cpu (libtorch packaged with TorchSharp 2.5.1) — CUDA was available but not used";
        Assert.Equal(expected, done.TrainingDevice);
        Assert.Contains(harness.Notifier.Calls, c => c.RunId == run.Id && (c.Kind is "edit" or "post")
            && c.Message.Content!.Contains("step ", StringComparison.Ordinal) && c.Message.Content.Contains("device: " + expected, StringComparison.Ordinal));
        await FineTuneWorkerHarness.WaitUntilAsync(() => harness.Notifier.For(run.Id, "result").Count == 1, "the result is posted");
        var fields = harness.Notifier.For(run.Id, "result")[0].Message.Embeds[0].Fields!;
        Assert.Equal(expected, fields.Single(f => f.Name == "Device").Value);
    }

    [Fact]
    public async Task With_the_clock_standing_still_sixty_progress_lines_make_one_progress_edit_and_the_last_is_stored()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var harness = new FineTuneWorkerHarness(o => o.ProgressEditInterval = TimeSpan.FromSeconds(3), clock);
        await harness.StartAsync();

        var run = await harness.QueueAsync(FakeTrainerScripts.Succeeds(steps: 60, secondsPerStep: 0));
        var done = await harness.WaitForStateAsync(run.Id, FineTuneRunState.Succeeded);

        var progressShown = harness.Notifier.Calls
            .Where(c => c.RunId == run.Id && (c.Kind is "edit" or "post") && c.Message.Content!.Contains("step ", StringComparison.Ordinal))
            .ToList();
        Assert.Contains("step 1/60", Assert.Single(progressShown).Message.Content, StringComparison.Ordinal);
        Assert.Equal(60, done.Progress!.Step);
    }

    [Fact]
    public async Task Once_the_run_message_is_gone_it_is_not_edited_again()
    {
        await using var harness = new FineTuneWorkerHarness();
        harness.Notifier.GoneAfterEdits = 0;
        await harness.StartAsync();

        var run = await harness.QueueAsync(FakeTrainerScripts.Succeeds(steps: 60, secondsPerStep: 0.05));
        var done = await harness.WaitForStateAsync(run.Id, FineTuneRunState.Succeeded);

        Assert.True(done.MessageGone);
        Assert.Equal(1, harness.Notifier.EditsAfterGone);
        await FineTuneWorkerHarness.WaitUntilAsync(() => harness.Notifier.For(run.Id, "result").Count == 1, "the result is posted anyway");
    }

    [Fact]
    public async Task A_crashing_trainer_fails_its_run_with_the_error_tail_and_the_next_run_proceeds()
    {
        await using var harness = new FineTuneWorkerHarness();
        await harness.StartAsync();

        var crash = await harness.QueueAsync(FakeTrainerScripts.Crashes, user: 1);
        var next = await harness.QueueAsync(FakeTrainerScripts.Succeeds(), user: 2);

        var failed = await harness.WaitForStateAsync(crash.Id, FineTuneRunState.Failed);
        Assert.Equal("The trainer exited with code 1.", failed.Error);
        Assert.Equal(30, failed.ErrorTail.Count);
        Assert.Equal("Unhandled exception: the GPU caught fire", failed.ErrorTail[^1]);
        // The failure is stored before the member is told.
        await FineTuneWorkerHarness.WaitUntilAsync(() => harness.Notifier.For(crash.Id, "notice").Count > 0, "the member is told");
        var notice = Assert.Single(harness.Notifier.For(crash.Id, "notice"));
        Assert.Contains("GPU caught fire", notice.Message.Content, StringComparison.Ordinal);

        await harness.WaitForStateAsync(next.Id, FineTuneRunState.Succeeded);
    }

    [Fact]
    public async Task A_trainer_killed_like_by_the_oom_killer_fails_its_run_with_a_memory_hint()
    {
        await using var harness = new FineTuneWorkerHarness();
        await harness.StartAsync();

        var run = await harness.QueueAsync(FakeTrainerScripts.KilledLikeOom);
        var failed = await harness.WaitForStateAsync(run.Id, FineTuneRunState.Failed);

        Assert.Contains("out of memory", failed.Error, StringComparison.Ordinal);
        Assert.Contains("allocating a lot", failed.ErrorTail);
    }

    [Fact]
    public async Task A_missing_trainer_executable_fails_the_run_and_the_worker_keeps_going()
    {
        await using var harness = new FineTuneWorkerHarness(o =>
        {
            o.TrainerCommand = "/nonexistent/studybot-trainer";
            o.TrainerArguments = [];
        });
        await harness.StartAsync();

        var first = await harness.QueueAsync(FakeTrainerScripts.Succeeds());
        var failed = await harness.WaitForStateAsync(first.Id, FineTuneRunState.Failed);
        Assert.Contains("could not be started", failed.Error, StringComparison.Ordinal);

        var second = await harness.QueueAsync(FakeTrainerScripts.Succeeds());
        await harness.WaitForStateAsync(second.Id, FineTuneRunState.Failed);
    }

    [Fact]
    public async Task Cancel_kills_the_trainer_and_its_children_and_the_member_is_told()
    {
        await using var harness = new FineTuneWorkerHarness();
        await harness.StartAsync();
        var run = await harness.QueueAsync(FakeTrainerScripts.Hangs);
        await harness.WaitForStateAsync(run.Id, FineTuneRunState.Running);
        var pidFile = Path.Combine(harness.Folder(run.Id).Directory, "child.pid");
        await FineTuneWorkerHarness.WaitUntilAsync(() => File.Exists(pidFile) && File.ReadAllText(pidFile).Trim().Length > 0, "the trainer started its child");
        var childPid = int.Parse(File.ReadAllText(pidFile).Trim(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(ProcessAlive(childPid), "the trainer's child is running before the cancel");

        await harness.Runs.UpdateAsync(run.Id, r => r.RequestCancel(1, DateTimeOffset.UtcNow), CancellationToken.None);
        Assert.True(harness.Signal.CancelRunning(run.Id));

        // The child sleeps for 60 s: only the kill of the trainer's process tree ends it before then. The waits are
        // generous and fail only when the thing never happens.
        var cancelled = await harness.WaitForStateAsync(run.Id, FineTuneRunState.Cancelled, seconds: 45);
        Assert.Equal(1UL, cancelled.CancelledBy);
        await FineTuneWorkerHarness.WaitUntilAsync(() => !ProcessAlive(childPid), "the trainer's child process is gone", seconds: 45);
        await FineTuneWorkerHarness.WaitUntilAsync(() => harness.Notifier.For(run.Id, "notice").Count == 1, "the member is told");
        Assert.Contains("was cancelled", harness.Notifier.For(run.Id, "notice")[0].Message.Content, StringComparison.Ordinal);
        Assert.False(Directory.Exists(harness.Folder(run.Id).Checkpoints), "a cancelled run cannot be resumed, so its checkpoints go");
        await FineTuneWorkerHarness.WaitUntilAsync(
            () => harness.Notifier.Calls.Any(c => c.RunId == run.Id && (c.Kind is "edit" or "post") && c.Message.Content?.Contains("was cancelled", StringComparison.Ordinal) == true),
            "the run's message says it was cancelled");
    }

    /// <summary>The process exists and is not a zombie (a killed child whose parent has not reaped it yet).</summary>
    private static bool ProcessAlive(int pid)
    {
        try
        {
            return !File.ReadAllText($"/proc/{pid}/stat").Contains(") Z ", StringComparison.Ordinal);
        }
        catch (IOException)
        {
            return false;
        }
    }

    [Fact]
    public async Task A_run_interrupted_by_a_bot_restart_resumes_from_its_checkpoint_and_the_member_is_told()
    {
        await using var harness = new FineTuneWorkerHarness();
        await harness.StartAsync();
        var run = await harness.QueueAsync(FakeTrainerScripts.Hangs);
        var folder = harness.Folder(run.Id);
        await FineTuneWorkerHarness.WaitUntilAsync(() => File.Exists(Path.Combine(folder.Directory, "child.pid")), "the trainer is running");

        // The bot stops mid-run: the trainer is killed and the run stays "running" in storage.
        await harness.StopAsync();
        Assert.Equal(FineTuneRunState.Running, (await harness.Runs.FindAsync(run.Id, CancellationToken.None))!.State);

        // The next start puts it back at the head of the queue; this time its trainer completes.
        harness.ReplaceTrainer(run.Id, FakeTrainerScripts.Succeeds());
        var waiting = await harness.QueueAsync(FakeTrainerScripts.Succeeds(), user: 2);
        await harness.RestartAsync();

        var resumed = await harness.WaitForStateAsync(run.Id, FineTuneRunState.Succeeded);
        Assert.Equal(1, resumed.ResumeCount);
        Assert.Equal(2, resumed.Attempts);
        Assert.Equal("resumed", File.ReadAllText(Path.Combine(folder.Directory, "started-from")).Trim());
        Assert.Contains(harness.Notifier.For(run.Id, "notice"), n => n.Message.Content!.Contains("continue from its last checkpoint", StringComparison.Ordinal));
        var other = await harness.WaitForStateAsync(waiting.Id, FineTuneRunState.Succeeded);
        Assert.True(other.StartedAt >= resumed.FinishedAt, "the interrupted run went first");
    }

    [Fact]
    public async Task Stopping_the_bot_asks_the_trainer_to_stop_so_it_saves_a_checkpoint_that_the_next_start_resumes()
    {
        await using var harness = new FineTuneWorkerHarness();
        await harness.StartAsync();
        var run = await harness.QueueAsync(FakeTrainerScripts.StopsWhenAsked);
        var folder = harness.Folder(run.Id);
        await FineTuneWorkerHarness.WaitUntilAsync(() => File.Exists(Path.Combine(folder.Directory, "trainer.pid")), "the trainer is training");

        await harness.StopAsync();

        // Killed, the trainer would have left nothing; asked, it saved its state before it exited.
        Assert.True(File.Exists(Path.Combine(folder.Checkpoints, "step-7", "optimizer.safetensors")), "the trainer saved a checkpoint");
        Assert.Equal(FineTuneRunState.Running, (await harness.Runs.FindAsync(run.Id, CancellationToken.None))!.State);

        harness.ReplaceTrainer(run.Id, FakeTrainerScripts.Succeeds());
        await harness.RestartAsync();

        var resumed = await harness.WaitForStateAsync(run.Id, FineTuneRunState.Succeeded);
        Assert.Equal(1, resumed.ResumeCount);
        Assert.Equal("resumed", File.ReadAllText(Path.Combine(folder.Directory, "started-from")).Trim());
    }

    [Fact]
    public async Task A_trainer_past_the_time_limit_is_asked_to_stop_saves_a_checkpoint_and_its_run_fails()
    {
        await using var harness = new FineTuneWorkerHarness(o => o.TrainerTimeout = TimeSpan.FromSeconds(2));
        await harness.StartAsync();

        var run = await harness.QueueAsync(FakeTrainerScripts.StopsWhenAsked);
        var failed = await harness.WaitForStateAsync(run.Id, FineTuneRunState.Failed);

        Assert.Contains("took longer than the limit", failed.Error, StringComparison.Ordinal);
        // It can be continued from there, so the checkpoint is kept and the member (and admin) told how.
        Assert.Contains($"continue it with `studybot train --run-dir {harness.Folder(run.Id).Directory}`", failed.Error, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(harness.Folder(run.Id).Checkpoints, "step-7", "optimizer.safetensors")), "the trainer saved a checkpoint");
    }

    [Fact]
    public async Task A_trainer_that_finished_its_work_when_the_time_limit_came_succeeds_instead_of_failing()
    {
        await using var harness = new FineTuneWorkerHarness(o => o.TrainerTimeout = TimeSpan.FromSeconds(2));
        await harness.StartAsync();

        // All results written and reported; it then lingers until asked to stop (the limit), and exits cleanly.
        var run = await harness.QueueAsync(FakeTrainerScripts.Succeeds(steps: 2) + "\ncat > /dev/null\n");
        var succeeded = await harness.WaitForStateAsync(run.Id, FineTuneRunState.Succeeded);

        Assert.Equal(1.25, succeeded.Result!.ValidationLossAfter);
    }

    [Fact]
    public async Task In_restart_mode_an_interrupted_run_starts_over_without_its_checkpoints()
    {
        await using var harness = new FineTuneWorkerHarness(o => o.ResumeInterrupted = FineTuneResumeMode.Restart);
        await harness.StartAsync();
        var run = await harness.QueueAsync(FakeTrainerScripts.Hangs);
        var folder = harness.Folder(run.Id);
        await FineTuneWorkerHarness.WaitUntilAsync(() => File.Exists(Path.Combine(folder.Directory, "child.pid")), "the trainer is running");
        await harness.StopAsync();

        harness.ReplaceTrainer(run.Id, FakeTrainerScripts.Succeeds());
        await harness.RestartAsync();

        await harness.WaitForStateAsync(run.Id, FineTuneRunState.Succeeded);
        Assert.Equal("scratch", File.ReadAllText(Path.Combine(folder.Directory, "started-from")).Trim());
    }

    [Fact]
    public async Task With_one_slot_the_second_members_run_waits_for_the_first_to_finish()
    {
        await using var harness = new FineTuneWorkerHarness();
        var first = await harness.QueueAsync(FakeTrainerScripts.Succeeds(steps: 10, secondsPerStep: 0.05), user: 1);
        var second = await harness.QueueAsync(FakeTrainerScripts.Succeeds(steps: 5), user: 2);
        await harness.StartAsync();

        var a = await harness.WaitForStateAsync(first.Id, FineTuneRunState.Succeeded);
        var b = await harness.WaitForStateAsync(second.Id, FineTuneRunState.Succeeded);

        Assert.True(b.StartedAt >= a.FinishedAt);
    }

    [Fact]
    public async Task An_adapter_above_the_upload_limit_is_named_by_its_host_path_instead_of_attached()
    {
        await using var harness = new FineTuneWorkerHarness(o => o.MaxUploadBytes = 50);
        await harness.StartAsync();

        var run = await harness.QueueAsync(FakeTrainerScripts.Succeeds());
        var done = await harness.WaitForStateAsync(run.Id, FineTuneRunState.Succeeded);

        Assert.True(done.Result!.AdapterTooLargeToUpload);
        await FineTuneWorkerHarness.WaitUntilAsync(() => harness.Notifier.For(run.Id, "result").Count == 1, "the result is posted");
        var post = harness.Notifier.For(run.Id, "result")[0].Message;
        Assert.DoesNotContain(post.Files, f => f.FileName == "adapter.zip");
        Assert.Contains(done.Result.AdapterZipPath!, post.Content, StringComparison.Ordinal);
        Assert.IsType<ButtonComponent>(post.Components[0].Components[0]);
    }
}
