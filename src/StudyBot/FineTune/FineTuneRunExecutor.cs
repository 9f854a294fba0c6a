using System.ComponentModel;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StudyBot.Core.Commands;
using StudyBot.Core.FineTune;
using StudyBot.Training.Training;

namespace StudyBot.FineTune;

/// <summary>
/// Trains one run that the worker has marked running: prepares the run folder, starts the trainer child process,
/// follows its JSON lines (throttled progress edits), and records the outcome. Never throws for anything the
/// trainer does; when the bot shuts down mid-run it asks the trainer to stop (it saves a checkpoint), kills it only
/// if it does not, and leaves the run running, so the next start resumes it.
/// </summary>
public sealed partial class FineTuneRunExecutor(
    IFineTuneRunRepository runs,
    IFineTuneNotifier notifier,
    IModelCatalog models,
    TrainerProcessLauncher launcher,
    TrainerProcessSupervisor supervisor,
    FineTuneQueueSignal signal,
    FineTuneRunMessageEditor editor,
    IOptions<FineTuneOptions> options,
    TimeProvider time,
    ILogger<FineTuneRunExecutor> logger)
{
    private const int MaxLoggedLineLength = 200;

    /// <summary>How long a run that finished just as the bot began to stop may still take to post its results.</summary>
    private static readonly TimeSpan ResultPostingDuringShutdown = TimeSpan.FromSeconds(10);

    public async Task ExecuteAsync(FineTuneRun run, CancellationToken stoppingToken)
    {
        var settings = options.Value;
        var folder = FineTuneRunFolder.For(settings.RunsDirectory, run.Id);
        using var cancel = signal.Register(run.Id);
        try
        {
            // A cancel that arrived between the queue pick and now; a run no longer running (cancelled outright by
            // an admin's tool, say) is not trained at all.
            var stored = await runs.FindAsync(run.Id, stoppingToken);
            if (stored?.State != FineTuneRunState.Running)
            {
                LogNoLongerRunning(logger, run.Id, stored?.State);
                return;
            }

            if (stored.CancelRequestedAt is not null)
            {
                await cancel.CancelAsync();
            }

            // A trainer left over from a bot that was killed (it stops on its own once it notices, after saving a
            // checkpoint) must be gone before the folder is prepared and a new trainer resumes from that checkpoint.
            if (!await WaitForPreviousTrainerAsync(run.Id, folder, cancel, stoppingToken))
            {
                return;
            }

            if (run.ResumeFromCheckpoint && DropUnresumableCheckpoints(run.Id, folder))
            {
                await NotifyAsync(() => notifier.PostNoticeAsync(run, FineTuneMessages.StartsOverNotice(run), stoppingToken), run.Id);
            }

            var problem = Prepare(run, folder, settings);
            if (problem is not null)
            {
                await FailAsync(run.Id, problem, [], stoppingToken);
                return;
            }

            await TrainAsync(run, folder, settings, cancel, stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            await LeaveRunningAsync(run.Id);
        }
        catch (Exception e)
        {
            LogUnexpected(logger, e, run.Id);
            // The bot's fault, not the run's: a checkpoint the trainer saved is kept, so an admin can continue it.
            await FailAsync(run.Id, "Something went wrong in the bot while handling the run; it was stopped.", [], CancellationToken.None, keepCheckpoints: true);
        }
        finally
        {
            signal.Unregister(run.Id);
        }
    }

    private async Task TrainAsync(FineTuneRun run, FineTuneRunFolder folder, FineTuneOptions settings, CancellationTokenSource cancel, CancellationToken stoppingToken)
    {
        run = await editor.ShowAsync(run, FineTuneMessages.Progress(run), postIfMissing: true, stoppingToken);

        using var timeout = new CancellationTokenSource(settings.TrainerTimeout, time);
        // A member's cancel kills the trainer at once. The bot stopping and the time limit ask it to stop first, so it
        // saves a checkpoint (of up to a tenth of the run since the last periodic one) before it exits.
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, timeout.Token);
        var follower = new TrainerOutputFollower(run, runs, editor, new ProgressThrottle(time, settings.ProgressEditInterval), time, logger, stoppingToken);

        var command = launcher.Resolve(folder.Directory);
        var environment = TrainerEnvironment.For(settings);

        TrainerExit exit;
        var startedAt = time.GetUtcNow();
        // The shutdown is recorded as soon as it starts, not once the trainer has exited: a container killed while
        // the trainer saves its checkpoint does not count toward FineTune:MaxResumeAttempts either.
        Task? markingShutdown = null;
        var registration = stoppingToken.Register(() => markingShutdown = Task.Run(() => MarkStoppedForShutdownAsync(run.Id)));
        try
        {
            exit = await supervisor.RunAsync(command, folder.Directory, environment, follower.OnLineAsync, settings.KillGracePeriod, kill: cancel.Token, stop: stop.Token);
        }
        catch (Win32Exception e)
        {
            LogStartFailed(logger, e, run.Id, command.ToString());
            await FailAsync(run.Id, $"The trainer could not be started ({e.Message}). An admin should check the bot's trainer setup.", [], stoppingToken);
            return;
        }
        finally
        {
            await registration.DisposeAsync();
            if (markingShutdown is not null)
            {
                await markingShutdown;
            }
        }

        await follower.FlushAsync();
        if (cancel.IsCancellationRequested)
        {
            await FinishAsync(run.Id, r => r.Cancel(null, time.GetUtcNow()), FineTuneMessages.CancelledNotice, stoppingToken);
            return;
        }

        // A trainer that finished is a success even when the bot's stop or the time limit came in its last moments:
        // its results are all written, and training it again (or failing it) would throw them away.
        if (exit.ExitCode == 0 && follower.Completed is { } completed)
        {
            var duration = run.EarlierAttemptsTime + (time.GetUtcNow() - startedAt);
            var result = FineTuneResultCollector.Collect(folder, follower.Evaluations, completed, duration, settings.MaxUploadBytes);
            using var posting = stoppingToken.IsCancellationRequested ? new CancellationTokenSource(ResultPostingDuringShutdown, time) : null;
            await SucceedAsync(run.Id, result, settings, posting?.Token ?? stoppingToken);
            return;
        }

        if (stoppingToken.IsCancellationRequested)
        {
            await LeaveRunningAsync(run.Id);
            return;
        }

        if (timeout.IsCancellationRequested)
        {
            // Asked to stop, the trainer saved a checkpoint: kept, so the work is not lost if an admin continues it.
            var saved = Directory.Exists(folder.Checkpoints) && Directory.EnumerateFileSystemEntries(folder.Checkpoints).Any();
            var tooLong = $"The run took longer than the limit of {FineTuneMessages.Duration(settings.TrainerTimeout)} and was stopped.";
            if (saved)
            {
                tooLong += $" Its last checkpoint is kept on the host, so an admin can continue it with `studybot train --run-dir {folder.Directory}`.";
            }

            await FailAsync(run.Id, tooLong, exit.StandardErrorTail, stoppingToken, keepCheckpoints: saved);
            return;
        }

        var reason = follower.FailureMessage is { } message
            ? $"{message}"
            : exit.ExitCode switch
            {
                0 => "The trainer exited without reporting a result.",
                137 => "The trainer was killed (exit code 137), most often because it ran out of memory.",
                _ => $"The trainer exited with code {exit.ExitCode}.",
            };
        await FailAsync(run.Id, reason, exit.StandardErrorTail, stoppingToken);
    }

    /// <summary>The bot is stopping in an orderly way: the run stays running (the next start resumes it), and the stop
    /// is recorded as not the run's doing, so it does not count toward <see cref="FineTuneOptions.MaxResumeAttempts"/>.</summary>
    private async Task LeaveRunningAsync(string runId)
    {
        LogLeftRunning(logger, runId);
        await MarkStoppedForShutdownAsync(runId);
    }

    private async Task MarkStoppedForShutdownAsync(string runId)
    {
        try
        {
            await runs.UpdateAsync(runId, r => r.MarkStoppedForShutdown(), CancellationToken.None);
        }
        catch (FineTuneTransitionException e)
        {
            LogRaceLost(logger, runId, e.Message);
        }
    }

    /// <summary>
    /// Waits while another trainer process holds the run folder (<see cref="TrainerProcessLock"/>); false when the run
    /// was cancelled meanwhile (then marked cancelled). The bot's stop ends the wait with an exception, as elsewhere.
    /// </summary>
    private async Task<bool> WaitForPreviousTrainerAsync(string runId, FineTuneRunFolder folder, CancellationTokenSource cancel, CancellationToken stoppingToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancel.Token, stoppingToken);
        try
        {
            await TrainerProcessLock.WaitUntilFreeAsync(folder.Directory, time, () => LogWaitingForPreviousTrainer(logger, runId), stop.Token);
            return true;
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested && !stoppingToken.IsCancellationRequested)
        {
            await FinishAsync(runId, r => r.Cancel(null, time.GetUtcNow()), FineTuneMessages.CancelledNotice, stoppingToken);
            return false;
        }
    }

    /// <summary>
    /// Deletes the checkpoints of a run to be resumed when the trainer would refuse its latest checkpoint because it
    /// was written with another data layout (an older trainer) or its state cannot be read, so the run starts over
    /// instead of failing; true when it did.
    /// </summary>
    private bool DropUnresumableCheckpoints(string runId, FineTuneRunFolder folder)
    {
        try
        {
            if (TrainingCheckpoints.FindLatest(new RunOutputPaths(folder.Directory)) is not { } latest)
            {
                return false;
            }

            string? fingerprint;
            try
            {
                fingerprint = TrainingCheckpoints.ReadState(latest).Fingerprint;
            }
            catch (InvalidDataException)
            {
                fingerprint = null;
            }

            if (SettingsFingerprint.HasCurrentDataLayout(fingerprint))
            {
                return false;
            }

            LogCheckpointNotResumable(logger, runId, latest);
            Directory.Delete(folder.Checkpoints, recursive: true);
            return true;
        }
        catch (IOException e)
        {
            // Left to the trainer, which reports what is wrong.
            LogPrepareFailed(logger, e, runId);
            return false;
        }
    }

    /// <summary>Checks the model and data are there and writes settings.json; a member-facing problem or null.</summary>
    private string? Prepare(FineTuneRun run, FineTuneRunFolder folder, FineTuneOptions settings)
    {
        var model = models.Find(run.Settings.BaseModel);
        if (model is null)
        {
            return $"The base model `{run.Settings.BaseModel}` is no longer on the host.";
        }

        var dataset = folder.Dataset(run.Settings.Dataset);
        if (!File.Exists(dataset))
        {
            return "The run's data file is missing from its folder on the host.";
        }

        try
        {
            if (!run.ResumeFromCheckpoint && Directory.Exists(folder.Checkpoints))
            {
                Directory.Delete(folder.Checkpoints, recursive: true);
            }

            var trainerSettings = TrainerSettingsWriter.ToTrainerSettings(run, model, folder, settings);
            var problems = trainerSettings.Validate();
            if (problems.Count > 0)
            {
                return "The trainer would refuse these settings: " + string.Join(" ", problems);
            }

            TrainerSettingsWriter.Write(trainerSettings, folder);
            return null;
        }
        catch (IOException e)
        {
            LogPrepareFailed(logger, e, run.Id);
            return "The run folder could not be prepared on the host.";
        }
        catch (UnauthorizedAccessException e)
        {
            LogPrepareFailed(logger, e, run.Id);
            return "The run folder could not be prepared on the host.";
        }
    }

    private async Task SucceedAsync(string runId, FineTuneResult result, FineTuneOptions settings, CancellationToken cancellationToken)
    {
        var run = await TransitionAsync(runId, r => r.Succeed(result, time.GetUtcNow()), cancellationToken);
        if (run is null)
        {
            return;
        }

        var files = FineTuneResultFiles.Read(result, settings.MaxUploadBytes);

        LogSucceeded(logger, runId);
        await editor.ShowAsync(run, FineTuneMessages.Finished(run), postIfMissing: false, cancellationToken);
        // Uploads can be refused (too large together, channel limits): the member still gets the numbers and the
        // files' paths on the host.
        if (!await NotifyAsync(() => notifier.PostResultAsync(run, FineTuneMessages.Result(run, files), cancellationToken), runId) && files.Count > 0)
        {
            await NotifyAsync(() => notifier.PostResultAsync(run, FineTuneMessages.ResultOnHost(run), cancellationToken), runId);
        }

        // The results are out; the adapter, its zip, metrics, loss curve and samples stay for "Sample again" and
        // /finetune result, the checkpoints are no longer needed.
        FineTuneRunFolderCleanup.AfterFinish(run, FineTuneRunFolder.For(settings.RunsDirectory, runId), resumable: false, logger);
    }

    private async Task FailAsync(string runId, string reason, IReadOnlyList<string> errorTail, CancellationToken cancellationToken, bool keepCheckpoints = false)
    {
        LogFailed(logger, runId, reason);
        await FinishAsync(runId, r => r.Fail(reason, errorTail, time.GetUtcNow()), FineTuneMessages.FailureNotice, cancellationToken, keepCheckpoints);
    }

    /// <summary>A final transition other than success; the run's checkpoints go unless <paramref name="keepCheckpoints"/>.</summary>
    private async Task FinishAsync(string runId, Func<FineTuneRun, FineTuneRun> change, Func<FineTuneRun, CommandResponse> notice, CancellationToken cancellationToken, bool keepCheckpoints = false)
    {
        var run = await TransitionAsync(runId, change, cancellationToken);
        if (run is null)
        {
            return;
        }

        FineTuneRunFolderCleanup.AfterFinish(run, FineTuneRunFolder.For(options.Value.RunsDirectory, runId), keepCheckpoints, logger);

        await editor.ShowAsync(run, FineTuneMessages.Finished(run), postIfMissing: false, cancellationToken);
        await NotifyAsync(() => notifier.PostNoticeAsync(run, notice(run), cancellationToken), runId);
    }

    /// <summary>Applies the final transition; null when someone else already finished the run (e.g. a cancel won the race).</summary>
    private async Task<FineTuneRun?> TransitionAsync(string runId, Func<FineTuneRun, FineTuneRun> change, CancellationToken cancellationToken)
    {
        try
        {
            return await runs.UpdateAsync(runId, change, CancellationToken.None);
        }
        catch (FineTuneTransitionException e)
        {
            LogRaceLost(logger, runId, e.Message);
            return null;
        }
    }

    /// <summary>False when the post failed (logged).</summary>
    private async Task<bool> NotifyAsync(Func<Task> post, string runId)
    {
        try
        {
            await post();
            return true;
        }
        catch (Exception e)
        {
            LogNotifyFailed(logger, e, runId);
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Fine-tune run {RunId} is no longer running (state {State}, none when deleted); not training it")]
    private static partial void LogNoLongerRunning(ILogger logger, string runId, FineTuneRunState? state);

    [LoggerMessage(Level = LogLevel.Information, Message = "Fine-tune run {RunId} succeeded")]
    private static partial void LogSucceeded(ILogger logger, string runId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Fine-tune run {RunId} failed: {Reason}")]
    private static partial void LogFailed(ILogger logger, string runId, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "The bot is stopping; fine-tune run {RunId} stays running and resumes at the next start")]
    private static partial void LogLeftRunning(ILogger logger, string runId);

    [LoggerMessage(Level = LogLevel.Error, Message = "The trainer for fine-tune run {RunId} could not be started: {Command}")]
    private static partial void LogStartFailed(ILogger logger, Exception exception, string runId, string command);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Fine-tune run {RunId}: checkpoint {Checkpoint} was written with another data layout (an older trainer) or cannot be read; the run starts over")]
    private static partial void LogCheckpointNotResumable(ILogger logger, string runId, string checkpoint);

    [LoggerMessage(Level = LogLevel.Error, Message = "Preparing the folder of fine-tune run {RunId} failed")]
    private static partial void LogPrepareFailed(ILogger logger, Exception exception, string runId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Fine-tune run {RunId}: another trainer process still holds its folder; waiting for it to exit")]
    private static partial void LogWaitingForPreviousTrainer(ILogger logger, string runId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Unexpected error while handling fine-tune run {RunId}")]
    private static partial void LogUnexpected(ILogger logger, Exception exception, string runId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Fine-tune run {RunId} was already finished elsewhere: {Detail}")]
    private static partial void LogRaceLost(ILogger logger, string runId, string detail);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Posting the outcome of fine-tune run {RunId} failed")]
    private static partial void LogNotifyFailed(ILogger logger, Exception exception, string runId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Ignored a trainer output line of fine-tune run {RunId} that is not a JSON event: {Line}")]
    internal static partial void LogMalformedLine(ILogger logger, string runId, string line);

    internal static string Shorten(string line) => line.Length <= MaxLoggedLineLength ? line : line[..MaxLoggedLineLength] + "…";
}
