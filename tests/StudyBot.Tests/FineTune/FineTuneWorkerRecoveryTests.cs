using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using StudyBot.Core.Commands;
using StudyBot.Core.FineTune;
using StudyBot.FineTune;
using StudyBot.Storage.FineTune;
using StudyBot.Training.Training;

namespace StudyBot.Tests.FineTune;

/// <summary>What the worker does at start with runs a previous process left behind, and what it hands the trainer.</summary>
public sealed class FineTuneWorkerRecoveryTests
{
    [Fact]
    public async Task A_run_left_requested_by_a_bot_that_died_is_failed_with_a_message_and_the_queue_goes_on()
    {
        await using var harness = new FineTuneWorkerHarness();
        var abandoned = await harness.AddRequestedAsync(DateTimeOffset.UtcNow.AddMinutes(-5));
        var next = await harness.QueueAsync(FakeTrainerScripts.Succeeds(), user: 2);

        await harness.StartAsync();

        var failed = await harness.WaitForStateAsync(abandoned.Id, FineTuneRunState.Failed);
        Assert.Equal(FineTuneWorker.AbandonedRequestMessage, failed.Error);
        await FineTuneWorkerHarness.WaitUntilAsync(() => harness.Notifier.For(abandoned.Id, "notice").Count == 1, "the member is told");
        Assert.Contains("<@1>", harness.Notifier.For(abandoned.Id, "notice")[0].Message.Content, StringComparison.Ordinal);
        await harness.WaitForStateAsync(next.Id, FineTuneRunState.Succeeded);
    }

    [Fact]
    public async Task A_run_this_process_is_still_requesting_is_left_to_its_request()
    {
        await using var harness = new FineTuneWorkerHarness();
        var old = await harness.AddRequestedAsync(DateTimeOffset.UtcNow.AddMinutes(-5));
        // Requested after the worker's start (as by a /finetune start of this process that is still storing its data).
        var fresh = await harness.AddRequestedAsync(DateTimeOffset.UtcNow.AddMinutes(5));
        var marker = await harness.QueueAsync(FakeTrainerScripts.Succeeds());

        await harness.StartAsync();

        await harness.WaitForStateAsync(old.Id, FineTuneRunState.Failed);
        await harness.WaitForStateAsync(marker.Id, FineTuneRunState.Succeeded);
        Assert.Equal(FineTuneRunState.Requested, (await harness.Runs.FindAsync(fresh.Id, CancellationToken.None))!.State);
    }

    [Fact]
    public async Task A_cancel_asked_for_just_before_the_bot_died_ends_the_run_cancelled_at_the_next_start()
    {
        await using var harness = new FineTuneWorkerHarness();
        await harness.StartAsync();
        var run = await harness.QueueAsync(FakeTrainerScripts.Hangs);
        var folder = harness.Folder(run.Id);
        await FineTuneWorkerHarness.WaitUntilAsync(() => File.Exists(Path.Combine(folder.Directory, "child.pid")), "the trainer is running");

        // The cancel is stored, but the bot stops before its worker acts on it.
        await harness.Runs.UpdateAsync(run.Id, r => r.RequestCancel(7, DateTimeOffset.UtcNow), CancellationToken.None);
        await harness.StopAsync();
        Assert.Equal(FineTuneRunState.Running, (await harness.Runs.FindAsync(run.Id, CancellationToken.None))!.State);

        harness.ReplaceTrainer(run.Id, FakeTrainerScripts.Succeeds());
        await harness.RestartAsync();

        var cancelled = await harness.WaitForStateAsync(run.Id, FineTuneRunState.Cancelled);
        Assert.Equal(7UL, cancelled.CancelledBy);
        Assert.Equal(1, cancelled.Attempts);
        Assert.Equal(0, cancelled.ResumeCount);
        await FineTuneWorkerHarness.WaitUntilAsync(() => harness.Notifier.For(run.Id, "notice").Count == 1, "the member is told");
        Assert.Contains("cancelled by <@7>", harness.Notifier.For(run.Id, "notice")[0].Message.Content, StringComparison.Ordinal);
        Assert.DoesNotContain(harness.Notifier.For(run.Id, "notice"), n => n.Message.Content!.Contains("restarted", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_run_the_bot_kept_dying_under_fails_after_the_resume_limit_the_member_is_told_and_its_checkpoints_go()
    {
        await using var harness = new FineTuneWorkerHarness(o => o.MaxResumeAttempts = 2);
        var run = await harness.QueueAsync(FakeTrainerScripts.Succeeds());
        var folder = harness.Folder(run.Id);
        Directory.CreateDirectory(Path.Combine(folder.Checkpoints, "step-10"));
        // Three starts the bot died under (no orderly stop recorded); the last left the run "running", as a killed bot does.
        var now = DateTimeOffset.UtcNow;
        await harness.Runs.UpdateAsync(run.Id, r => r.Start(now).Interrupt(true, now).Start(now).Interrupt(true, now).Start(now), CancellationToken.None);
        var next = await harness.QueueAsync(FakeTrainerScripts.Succeeds(), user: 2);

        await harness.StartAsync();

        var failed = await harness.WaitForStateAsync(run.Id, FineTuneRunState.Failed);
        Assert.Equal(FineTuneWorker.ResumeLimitMessage(3, 2), failed.Error);
        Assert.Equal(3, failed.Attempts);
        await FineTuneWorkerHarness.WaitUntilAsync(() => harness.Notifier.For(run.Id, "notice").Count == 1, "the member is told");
        var notice = harness.Notifier.For(run.Id, "notice")[0].Message.Content!;
        Assert.Contains("<@1> your fine-tune run **r1** failed: the bot stopped unexpectedly 3 times while this run was training, so it is not resumed again", notice, StringComparison.Ordinal);
        Assert.False(Directory.Exists(folder.Checkpoints));
        Assert.False(File.Exists(Path.Combine(folder.Directory, "started-from")), "the run was not started again");
        await harness.WaitForStateAsync(next.Id, FineTuneRunState.Succeeded);
    }

    [Theory]
    [InlineData("0A1B2C|3E4F|c_attn|4|8", false)] // written by the trainer before the data-layout version
    [InlineData(SettingsFingerprint.DataLayoutVersion + "|0A1B2C|3E4F|c_attn|4|8", true)]
    public async Task A_run_to_resume_from_a_checkpoint_of_an_older_trainer_starts_over_and_the_member_is_told(string fingerprint, bool resumable)
    {
        await using var harness = new FineTuneWorkerHarness();
        var run = await harness.QueueAsync(FakeTrainerScripts.Succeeds());
        var folder = harness.Folder(run.Id);
        var checkpoint = Path.Combine(folder.Checkpoints, "step-000010");
        Directory.CreateDirectory(checkpoint);
        var state = new CheckpointState(10, 20, fingerprint, [], [], null, [], 1.5, 640);
        File.WriteAllText(Path.Combine(checkpoint, TrainingCheckpoints.StateFileName), JsonSerializer.Serialize(state, FineTuneSettingsJson.Options));
        var now = DateTimeOffset.UtcNow;
        var queued = await harness.Runs.UpdateAsync(run.Id, r => r.Start(now).Interrupt(true, now), CancellationToken.None);
        Assert.True(queued.ResumeFromCheckpoint);

        await harness.StartAsync();

        await harness.WaitForStateAsync(run.Id, FineTuneRunState.Succeeded);
        Assert.Equal(resumable ? "resumed" : "scratch", File.ReadAllText(Path.Combine(folder.Directory, "started-from")).Trim());
        var startsOver = harness.Notifier.For(run.Id, "notice").Where(n => n.Message.Content!.Contains("starts again from the beginning", StringComparison.Ordinal)).ToList();
        Assert.Equal(resumable ? 0 : 1, startsOver.Count);
        if (!resumable)
        {
            Assert.StartsWith("<@1> your fine-tune run **r1** cannot continue from its last checkpoint", startsOver[0].Message.Content, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Cancelling_a_run_waiting_to_resume_deletes_its_checkpoints()
    {
        await using var harness = new FineTuneWorkerHarness();
        var run = await harness.QueueAsync(FakeTrainerScripts.Succeeds());
        var folder = harness.Folder(run.Id);
        Directory.CreateDirectory(Path.Combine(folder.Checkpoints, "step-000010"));
        var now = DateTimeOffset.UtcNow;
        await harness.Runs.UpdateAsync(run.Id, r => r.Start(now).Interrupt(true, now), CancellationToken.None);
        var options = Microsoft.Extensions.Options.Options.Create(harness.Options);
        using var http = new HttpClient();
        var editor = new FineTuneRunMessageEditor(harness.Runs, harness.Notifier, TimeProvider.System, NullLogger<FineTuneRunMessageEditor>.Instance);
        var service = new FineTuneRequestService(
            harness.Runs, new DirectoryModelCatalog(harness.Options.ModelsDirectory), new TestPaperCatalog(), new HttpDatasetFetcher(http), harness.Signal, editor, options, TimeProvider.System);

        var cancelled = await service.CancelAsync(new CommandMember(1, "member1", 0), 10, run.Id, null, CancellationToken.None);

        Assert.Equal(FineTuneRunState.Cancelled, cancelled.State);
        Assert.False(Directory.Exists(folder.Checkpoints));
        Assert.True(File.Exists(folder.Dataset(run.Settings.Dataset)));
    }

    [Fact]
    public async Task A_run_failed_by_an_error_in_the_bot_keeps_its_checkpoints()
    {
        await using var harness = new FineTuneWorkerHarness();
        // The trainer succeeds (and leaves checkpoints/), but a folder where the bot writes the adapter's zip makes the
        // bot's own result handling throw.
        var run = await harness.QueueAsync(FakeTrainerScripts.Succeeds() + "\nmkdir -p \"$1/adapter.zip.tmp/blocker\"\n");
        await harness.StartAsync();

        var failed = await harness.WaitForStateAsync(run.Id, FineTuneRunState.Failed);

        Assert.Equal("Something went wrong in the bot while handling the run; it was stopped.", failed.Error);
        Assert.True(Directory.Exists(harness.Folder(run.Id).Checkpoints));
    }

    [Fact]
    public async Task A_shutdown_is_recorded_on_the_run_as_soon_as_it_starts_not_only_once_the_trainer_has_exited()
    {
        // A trainer that takes long to stop: the container could be killed before it exits.
        const string SlowToStop = """
            dir="$1"
            echo '{"type":"progress","step":7,"totalSteps":1000,"loss":2.5,"learningRate":0.001,"tokensPerSecond":10,"etaSeconds":600}'
            echo $$ > "$dir/trainer.pid"
            cat > /dev/null
            touch "$dir/asked-to-stop"
            sleep 120
            """;
        await using var harness = new FineTuneWorkerHarness(o => o.KillGracePeriod = TimeSpan.FromMinutes(5));
        await harness.StartAsync();
        var run = await harness.QueueAsync(SlowToStop);
        var folder = harness.Folder(run.Id);
        await FineTuneWorkerHarness.WaitUntilAsync(() => File.Exists(Path.Combine(folder.Directory, "trainer.pid")), "the trainer is training");

        var stopping = harness.StopAsync();
        await FineTuneWorkerHarness.WaitUntilAsync(() => File.Exists(Path.Combine(folder.Directory, "asked-to-stop")), "the trainer is asked to stop");
        var marked = false;
        await FineTuneWorkerHarness.WaitUntilAsync(
            () => marked = harness.Runs.FindAsync(run.Id, CancellationToken.None).GetAwaiter().GetResult()!.StoppedForShutdown || stopping.IsCompleted,
            "the run is marked stopped for the shutdown");
        Assert.True(marked);
        Assert.False(stopping.IsCompleted, "the trainer is still saving its checkpoint");

        // End the slow trainer (its grace period is long), as the container's death would.
        using (var trainer = System.Diagnostics.Process.GetProcessById(int.Parse(File.ReadAllText(Path.Combine(folder.Directory, "trainer.pid")).Trim(), System.Globalization.CultureInfo.InvariantCulture)))
        {
            trainer.Kill(entireProcessTree: true);
        }

        await stopping;
        var after = await harness.Runs.FindAsync(run.Id, CancellationToken.None);
        Assert.Equal(FineTuneRunState.Running, after!.State);
        Assert.True(after.StoppedForShutdown);
    }

    [Fact]
    public async Task Orderly_stops_of_the_bot_do_not_count_toward_the_resume_limit()
    {
        await using var harness = new FineTuneWorkerHarness(o => o.MaxResumeAttempts = 0);
        await harness.StartAsync();
        var run = await harness.QueueAsync(FakeTrainerScripts.StopsWhenAsked);
        var folder = harness.Folder(run.Id);
        var pid = Path.Combine(folder.Directory, "trainer.pid");

        await FineTuneWorkerHarness.WaitUntilAsync(() => File.Exists(pid), "the trainer is training");
        File.Delete(pid);
        await harness.RestartAsync();
        await FineTuneWorkerHarness.WaitUntilAsync(() => File.Exists(pid), "the resumed trainer is training");
        harness.ReplaceTrainer(run.Id, FakeTrainerScripts.Succeeds());
        await harness.RestartAsync();

        var done = await harness.WaitForStateAsync(run.Id, FineTuneRunState.Succeeded);
        Assert.Equal(2, done.ResumeCount);
        Assert.Equal(0, done.UnexpectedStops);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(101)]
    public void A_resume_limit_out_of_range_is_refused_at_start(int limit)
    {
        var errors = new FineTuneOptions { MaxResumeAttempts = limit }.Validate();

        Assert.Contains(errors, e => e.Contains("MaxResumeAttempts", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_configured_cuda_index_and_libtorch_folder_reach_the_trainer_through_its_environment()
    {
        var libTorch = Directory.CreateTempSubdirectory("studybot-libtorch-").FullName;
        try
        {
            await using var harness = new FineTuneWorkerHarness(o =>
            {
                o.Device = "cuda:3";
                o.LibTorchDir = libTorch;
            });
            await harness.StartAsync();

            var run = await harness.QueueAsync("echo \"$CUDA_VISIBLE_DEVICES|$STUDYBOT_LIBTORCH_DIR\" > \"$1/env\"\n" + FakeTrainerScripts.Succeeds());
            await harness.WaitForStateAsync(run.Id, FineTuneRunState.Succeeded);

            var folder = harness.Folder(run.Id);
            Assert.Equal($"3|{libTorch}", File.ReadAllText(Path.Combine(folder.Directory, "env")).Trim());
            Assert.Equal(StudyBot.Training.Devices.DeviceChoice.Cuda, FineTuneSettingsJson.Load(folder.Settings).Device);
        }
        finally
        {
            Directory.Delete(libTorch, recursive: true);
        }
    }

    [Fact]
    public async Task A_run_without_a_prompt_samples_the_opening_words_of_its_data()
    {
        await using var harness = new FineTuneWorkerHarness();
        await harness.StartAsync();

        var run = await harness.QueueAsync(FakeTrainerScripts.Succeeds(), prompt: null);
        await harness.WaitForStateAsync(run.Id, FineTuneRunState.Succeeded);

        var settings = FineTuneSettingsJson.Load(harness.Folder(run.Id).Settings);
        Assert.Equal(["The paper club meets"], settings.SamplePrompts);
    }
}
