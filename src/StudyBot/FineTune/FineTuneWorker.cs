using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StudyBot.Core.FineTune;

namespace StudyBot.FineTune;

/// <summary>
/// The fine-tune queue worker. At start, runs left running by a previous process go back to the head of the queue
/// (resume or restart, per <see cref="FineTuneOptions.ResumeInterrupted"/>) or, when a cancel was pending, end
/// cancelled; runs it left half-requested fail; their members are told. Then,
/// whenever a slot is free, it starts the next run the queue policy picks, and keeps the queued runs' messages
/// showing their positions.
/// </summary>
public sealed partial class FineTuneWorker(
    IFineTuneRunRepository runs,
    IFineTuneNotifier notifier,
    FineTuneRunExecutor executor,
    FineTuneRunMessageEditor editor,
    FineTuneQueueSignal signal,
    IOptions<FineTuneOptions> options,
    TimeProvider time,
    ILogger<FineTuneWorker> logger) : BackgroundService
{
    /// <summary>The queue is looked at this often even without a signal (e.g. a run changed by another process).</summary>
    public static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(2);

    /// <summary>Why a run left "requested" by a bot that stopped is failed.</summary>
    public const string AbandonedRequestMessage =
        "The bot restarted while this run was being requested, before it reached the queue. Nothing was trained; please start it again.";

    private static readonly FineTuneRunState[] Queued = [FineTuneRunState.Queued];
    private static readonly FineTuneRunState[] Running = [FineTuneRunState.Running];
    private static readonly FineTuneRunState[] RunningOrRequested = [FineTuneRunState.Running, FineTuneRunState.Requested];

    private readonly Dictionary<string, Task> _active = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _shownPositions = new(StringComparer.Ordinal);
    private DateTimeOffset _startedAt;

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        // Hosted services start in order, so this is before the gateway can take a request: every run this process
        // requests is newer. (ExecuteAsync runs on the thread pool, possibly later.)
        _startedAt = time.GetUtcNow();
        return base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        var recovered = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                // Until interrupted runs are back in the queue they would hold slots: nothing starts before.
                recovered = recovered || await RecoverInterruptedAsync(stoppingToken);
                if (recovered)
                {
                    await StartWhatFitsAsync(stoppingToken);
                }

                await signal.WaitAsync(PollInterval, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e)
            {
                // Storage or notifier trouble must not end the worker; try again at the next poll.
                LogLoopFailed(logger, e);
                await Task.Delay(PollInterval, time, CancellationToken.None);
            }
        }

        await Task.WhenAll(_active.Values);
    }

    /// <summary>
    /// Cleans up after a previous process. A run it left running goes back to the queue (resume or restart), or ends
    /// cancelled when a cancel was asked for before the bot died. A run it left "requested" (its request was being
    /// stored) never reached the queue and may lack its data: it fails with a message. Runs requested since this
    /// worker started are left alone. False when the stored runs could not be read (try again later).
    /// </summary>
    private async Task<bool> RecoverInterruptedAsync(CancellationToken cancellationToken)
    {
        var resume = options.Value.ResumeInterrupted == FineTuneResumeMode.Resume;
        var maxResumes = options.Value.MaxResumeAttempts;
        IReadOnlyList<FineTuneRun> interrupted;
        try
        {
            interrupted = await runs.ListByStateAsync(RunningOrRequested, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogLoopFailed(logger, e);
            return false;
        }

        foreach (var run in interrupted.Where(r => r.State == FineTuneRunState.Running || r.RequestedAt < _startedAt))
        {
            try
            {
                var recovered = await runs.UpdateAsync(run.Id, r => Recover(r, resume, maxResumes, time.GetUtcNow()), cancellationToken);
                switch (recovered.State)
                {
                    case FineTuneRunState.Failed when run.State == FineTuneRunState.Running:
                        LogResumeLimitReached(logger, run.Id, recovered.UnexpectedStops + 1);
                        FineTuneRunFolderCleanup.AfterFinish(recovered, FineTuneRunFolder.For(options.Value.RunsDirectory, run.Id), resumable: false, logger);
                        await editor.ShowAsync(recovered, FineTuneMessages.Finished(recovered), postIfMissing: false, cancellationToken);
                        await notifier.PostNoticeAsync(recovered, FineTuneMessages.FailureNotice(recovered), cancellationToken);
                        break;
                    case FineTuneRunState.Queued:
                        LogRecovered(logger, run.Id, resume);
                        await notifier.PostNoticeAsync(recovered, FineTuneMessages.InterruptedNotice(recovered), cancellationToken);
                        break;
                    case FineTuneRunState.Cancelled:
                        LogCancelledOnRecovery(logger, run.Id);
                        FineTuneRunFolderCleanup.AfterFinish(recovered, FineTuneRunFolder.For(options.Value.RunsDirectory, run.Id), resumable: false, logger);
                        await editor.ShowAsync(recovered, FineTuneMessages.Finished(recovered), postIfMissing: false, cancellationToken);
                        await notifier.PostNoticeAsync(recovered, FineTuneMessages.CancelledNotice(recovered), cancellationToken);
                        break;
                    default:
                        LogAbandonedRequest(logger, run.Id);
                        await notifier.PostNoticeAsync(recovered, FineTuneMessages.FailureNotice(recovered), cancellationToken);
                        break;
                }
            }
            catch (FineTuneTransitionException e)
            {
                LogRaceLost(logger, run.Id, e.Message); // Moved on meanwhile (e.g. its request completed after all).
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogRecoverFailed(logger, e, run.Id);
            }
        }

        return true;
    }

    /// <summary>The state a run left behind by a previous process moves to; one atomic change.</summary>
    private static FineTuneRun Recover(FineTuneRun run, bool resume, int maxResumes, DateTimeOffset now) => run.State switch
    {
        FineTuneRunState.Running when run.CancelRequestedAt is not null => run.Cancel(null, now),
        FineTuneRunState.Running when !run.StoppedForShutdown && run.UnexpectedStops >= maxResumes => run.Fail(ResumeLimitMessage(run.UnexpectedStops + 1, maxResumes), [], now),
        FineTuneRunState.Running => run.Interrupt(resume, now),
        FineTuneRunState.Requested => run.Fail(AbandonedRequestMessage, [], now),
        _ => throw new FineTuneTransitionException(run.Id, run.State, "recovered"),
    };

    /// <summary>Why a run the bot kept dying under is not resumed again.</summary>
    public static string ResumeLimitMessage(int stops, int maxResumes) =>
        $"the bot stopped unexpectedly {stops} time{(stops == 1 ? "" : "s")} while this run was training, so it is not resumed again " +
        $"(at most {maxResumes} resume{(maxResumes == 1 ? "" : "s")}; FineTune:MaxResumeAttempts). The run itself may be what stops the bot, " +
        "e.g. by using up the host's memory: try fewer `steps`, a smaller `seq_len` or `rank`, or ask an admin.";

    private void Unregister(string runId, CancellationTokenSource cancel)
    {
        signal.Unregister(runId);
        cancel.Dispose();
    }

    private async Task StartWhatFitsAsync(CancellationToken stoppingToken)
    {
        foreach (var done in _active.Where(a => a.Value.IsCompleted).Select(a => a.Key).ToList())
        {
            _active.Remove(done);
        }

        var queued = await runs.ListByStateAsync(Queued, stoppingToken);
        var running = await runs.ListByStateAsync(Running, stoppingToken);
        var startedAny = false;
        foreach (var next in FineTuneQueuePolicy.PickNext(queued, running, options.Value.Concurrency))
        {
            FineTuneRun started;
            // Registered before it is marked running, so a cancel that finds it running can always stop it.
            var cancel = signal.Register(next.Id);
            try
            {
                started = await runs.UpdateAsync(next.Id, r => r.Start(time.GetUtcNow()), stoppingToken);
            }
            catch (FineTuneTransitionException)
            {
                Unregister(next.Id, cancel);
                continue; // Cancelled between the listing and now.
            }
            catch
            {
                Unregister(next.Id, cancel);
                throw;
            }

            LogStarting(logger, started.Id, started.Attempts);
            startedAny = true;
            _active[started.Id] = Task.Run(
                async () =>
                {
                    await executor.ExecuteAsync(started, stoppingToken);
                    signal.QueueChanged();
                },
                CancellationToken.None);
        }

        if (startedAny)
        {
            queued = await runs.ListByStateAsync(Queued, stoppingToken);
            running = await runs.ListByStateAsync(Running, stoppingToken);
        }

        await ShowPositionsAsync(queued, running, stoppingToken);
    }

    /// <summary>Edits the message of each queued run whose position changed since it was last shown.</summary>
    private async Task ShowPositionsAsync(IReadOnlyList<FineTuneRun> queued, IReadOnlyList<FineTuneRun> running, CancellationToken cancellationToken)
    {
        var positions = FineTuneQueuePolicy.Positions(queued, running);
        foreach (var run in queued)
        {
            var position = positions[run.Id];
            if (_shownPositions.TryGetValue(run.Id, out var shown) && shown == position)
            {
                continue;
            }

            // The first sighting is the position the command already showed; edit only on change.
            var first = !_shownPositions.ContainsKey(run.Id);
            _shownPositions[run.Id] = position;
            if (!first)
            {
                await editor.ShowAsync(run, FineTuneMessages.Waiting(run, position), postIfMissing: false, cancellationToken);
            }
        }

        foreach (var gone in _shownPositions.Keys.Where(id => !positions.ContainsKey(id)).ToList())
        {
            _shownPositions.Remove(gone);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Starting fine-tune run {RunId} (attempt {Attempt})")]
    private static partial void LogStarting(ILogger logger, string runId, int attempt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Fine-tune run {RunId} was running when the bot stopped; back in the queue (resume from checkpoint: {Resume})")]
    private static partial void LogRecovered(ILogger logger, string runId, bool resume);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Fine-tune run {RunId} was training when the bot stopped unexpectedly for the {Stops}th time; it is failed, not resumed")]
    private static partial void LogResumeLimitReached(ILogger logger, string runId, int stops);

    [LoggerMessage(Level = LogLevel.Information, Message = "Fine-tune run {RunId} was asked to stop before the bot stopped; it is cancelled")]
    private static partial void LogCancelledOnRecovery(ILogger logger, string runId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Fine-tune run {RunId} was still being requested when the bot stopped; it is marked failed")]
    private static partial void LogAbandonedRequest(ILogger logger, string runId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Fine-tune run {RunId} changed while being recovered: {Detail}")]
    private static partial void LogRaceLost(ILogger logger, string runId, string detail);

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not recover fine-tune run {RunId} left by the previous start")]
    private static partial void LogRecoverFailed(ILogger logger, Exception exception, string runId);

    [LoggerMessage(Level = LogLevel.Error, Message = "The fine-tune queue worker hit an error; retrying")]
    private static partial void LogLoopFailed(ILogger logger, Exception exception);
}
