using System.IO.Pipes;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using StudyBot.Cli;
using StudyBot.Core.FineTune;
using StudyBot.Cli.Training;
using StudyBot.FineTune;

namespace StudyBot.Tests.FineTune;

/// <summary>
/// The pieces that keep a trainer from outliving the bot: the run folder lock, the standard input watch, and the
/// supervisor's standard input pipe. (The real trainer with them: <see cref="TrainerParentExitTests"/>.)
/// </summary>
public sealed class TrainerProcessLifetimeTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("studybot-trainer-lifetime-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void The_run_folder_lock_is_held_by_one_holder_at_a_time()
    {
        using (var first = TrainerProcessLock.TryAcquire(_root))
        {
            Assert.NotNull(first);
            Assert.Null(TrainerProcessLock.TryAcquire(_root));
        }

        using var second = TrainerProcessLock.TryAcquire(_root);
        Assert.NotNull(second);
    }

    [Fact]
    public async Task Waiting_for_a_free_folder_returns_at_once_without_a_lock_file_and_after_the_holder_releases_it()
    {
        var told = 0;
        await TrainerProcessLock.WaitUntilFreeAsync(_root, TimeProvider.System, () => told++, CancellationToken.None);
        Assert.False(File.Exists(TrainerProcessLock.PathIn(_root)));

        var holder = TrainerProcessLock.TryAcquire(_root);
        Assert.NotNull(holder);
        var waiting = TrainerProcessLock.WaitUntilFreeAsync(_root, TimeProvider.System, () => told++, CancellationToken.None);
        await FineTuneWorkerHarness.WaitUntilAsync(() => told == 1, "the waiter found the folder held");
        Assert.False(waiting.IsCompleted);

        holder.Dispose();
        await waiting.WaitAsync(TimeSpan.FromSeconds(60));
        Assert.Equal(1, told);
    }

    [Fact]
    public async Task Acquiring_a_missing_run_folder_gives_no_lock_and_a_held_one_can_be_given_up_on()
    {
        Assert.Null(await TrainerProcessLock.AcquireAsync(Path.Combine(_root, "missing"), TimeProvider.System, () => { }, CancellationToken.None));

        using var holder = TrainerProcessLock.TryAcquire(_root);
        using var cancel = new CancellationTokenSource();
        var waiting = TrainerProcessLock.AcquireAsync(_root, TimeProvider.System, cancel.Cancel, cancel.Token);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
    }

    [Fact]
    public async Task The_watch_cancels_when_standard_input_ends_and_not_before()
    {
        using var parent = new AnonymousPipeServerStream(PipeDirection.Out);
        using var child = new AnonymousPipeClientStream(PipeDirection.In, parent.ClientSafePipeHandle);
        using var watch = TrainerProcessParentWatch.Start(child, CancellationToken.None);
        parent.Write([1, 2, 3]);
        parent.Flush();
        Assert.False(watch.ParentGone);
        Assert.False(watch.Token.IsCancellationRequested);

        parent.Dispose();

        await watch.WhenParentGone.WaitAsync(TimeSpan.FromSeconds(60));
        Assert.True(watch.ParentGone);
        Assert.True(watch.Token.IsCancellationRequested);
    }

    [Fact]
    public async Task The_sample_verb_accepts_the_flag_and_samples_while_its_parent_is_there()
    {
        using var parent = new AnonymousPipeServerStream(PipeDirection.Out);
        using var child = new AnonymousPipeClientStream(PipeDirection.In, parent.ClientSafePipeHandle);
        var verbs = new CliVerbTable { new SampleVerb(() => child) };
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exitCode = await verbs.RunAsync(["sample", "--run-dir", _root, "--prompt", "x", "--device", "cpu", "--exit-with-parent"], new CliConsole(output, error), CancellationToken.None);

        // No adapter in the folder: the sampler's own failure, not a usage error and not "parent gone".
        Assert.Equal(RunFolderSampler.Failed, exitCode);
        Assert.Equal("failed", SamplerOutput.Parse(output.ToString().Trim())?.Type);
        parent.Dispose();
    }

    [Fact]
    public async Task The_train_verb_stops_with_parent_gone_while_waiting_for_a_held_folder()
    {
        using var holder = TrainerProcessLock.TryAcquire(_root);
        using var parent = new AnonymousPipeServerStream(PipeDirection.Out);
        using var child = new AnonymousPipeClientStream(PipeDirection.In, parent.ClientSafePipeHandle);
        var verbs = new CliVerbTable { new TrainVerb(() => child) };
        using var output = new StringWriter();
        using var error = new StringWriter();

        var running = verbs.RunAsync(["train", "--run-dir", _root, "--exit-with-parent"], new CliConsole(output, error), CancellationToken.None);
        await FineTuneWorkerHarness.WaitUntilAsync(() => error.ToString().Contains("waiting for another trainer", StringComparison.Ordinal), "the verb waits for the folder");
        parent.Dispose();

        Assert.Equal(TrainerProcessParentWatch.ExitCode, await running.WaitAsync(TimeSpan.FromSeconds(60)));
        Assert.Contains("studybot train: parent gone", error.ToString(), StringComparison.Ordinal);
        Assert.Contains("\"type\":\"status\"", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_supervisor_gives_the_child_a_standard_input_pipe_that_stays_open_while_it_runs()
    {
        // read -t 0 succeeds only when input is available or at its end: an open, unwritten pipe makes it fail.
        var script = Path.Combine(_root, "child.sh");
        File.WriteAllText(script, "if [ -p /dev/stdin ]; then echo pipe; fi\nif read -r -t 0; then echo ready; else echo open; fi\n");
        var supervisor = new TrainerProcessSupervisor(NullLogger<TrainerProcessSupervisor>.Instance);
        var lines = new List<string>();

        var exit = await supervisor.RunAsync(
            new TrainerCommandLine("/bin/bash", [script]),
            _root,
            new Dictionary<string, string>(),
            CollectInto(lines),
            TimeSpan.FromSeconds(5),
            CancellationToken.None);

        Assert.Equal(0, exit.ExitCode);
        Assert.Equal(["pipe", "open"], lines);
    }

    [Fact]
    public async Task The_grace_period_of_a_trainer_asked_to_stop_runs_on_the_supervisors_clock()
    {
        // Ignores the end of its standard input (a trainer slow to save its checkpoint).
        var script = Path.Combine(_root, "slow.sh");
        File.WriteAllText(script, "echo started\ncat > /dev/null\necho asked\nsleep 120\n");
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var supervisor = new TrainerProcessSupervisor(NullLogger<TrainerProcessSupervisor>.Instance, clock);
        var grace = TimeSpan.FromHours(1);
        var lines = new List<string>();
        using var stop = new CancellationTokenSource();

        var running = supervisor.RunAsync(
            new TrainerCommandLine("/bin/bash", [script]),
            _root,
            new Dictionary<string, string>(),
            CollectInto(lines),
            grace,
            CancellationToken.None,
            stop.Token);
        await FineTuneWorkerHarness.WaitUntilAsync(() => { lock (lines) { return lines.Contains("started"); } }, "the child runs");
        await stop.CancelAsync();
        await FineTuneWorkerHarness.WaitUntilAsync(() => { lock (lines) { return lines.Contains("asked"); } }, "the child is asked to stop");

        // An hour on the supervisor's clock (not the wall clock) ends the grace period and the child is killed.
        await FineTuneWorkerHarness.WaitUntilAsync(
            () =>
            {
                clock.Advance(grace);
                return running.IsCompleted;
            },
            "the child is killed once the grace period is over on the fake clock");
        var exit = await running;
        Assert.True(exit.Killed);
    }

    [Fact]
    public async Task The_worker_starts_no_trainer_while_another_process_holds_the_run_folder()
    {
        // The worker's retries wait on this clock: while it stands still and the folder is held, nothing may start.
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var harness = new FineTuneWorkerHarness(time: clock);
        // The stand-in trainer notes whether the folder lock was free when it started (flock(1): the same lock).
        var run = await harness.QueueAsync(
            "if flock -n \"$1/trainer.lock\" true; then echo free > \"$1/seen\"; else echo held > \"$1/seen\"; fi\n" + FakeTrainerScripts.Succeeds());
        var folder = harness.Folder(run.Id).Directory;
        var seen = Path.Combine(folder, "seen");
        var leftover = TrainerProcessLock.TryAcquire(folder);
        Assert.NotNull(leftover);

        await harness.StartAsync();
        await harness.WaitForStateAsync(run.Id, FineTuneRunState.Running);
        Assert.False(File.Exists(seen));

        leftover.Dispose();
        await FineTuneWorkerHarness.WaitUntilAsync(
            () =>
            {
                clock.Advance(TrainerProcessLock.RetryInterval);
                return File.Exists(seen);
            },
            "the worker starts the trainer once the folder is free");
        await harness.WaitForStateAsync(run.Id, FineTuneRunState.Succeeded);
        Assert.Equal("free", File.ReadAllText(seen).Trim());
    }

    /// <summary>A line callback that adds each line to <paramref name="lines"/> (locked: the supervisor's reader thread writes).</summary>
    private static Func<string, Task> CollectInto(List<string> lines) => line =>
    {
        lock (lines)
        {
            lines.Add(line);
        }

        return Task.CompletedTask;
    };
}
