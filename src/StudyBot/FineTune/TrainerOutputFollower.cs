using Microsoft.Extensions.Logging;
using StudyBot.Core.FineTune;

namespace StudyBot.FineTune;

/// <summary>
/// Reads one trainer's stdout events: remembers evaluations and the completed/failed event, and turns progress
/// into at most one stored snapshot + message edit per interval. An edit runs in the background so a slow
/// Discord never stalls the trainer's output pipe; while one is in flight the next progress just waits.
/// </summary>
internal sealed class TrainerOutputFollower(
    FineTuneRun run,
    IFineTuneRunRepository runs,
    FineTuneRunMessageEditor editor,
    ProgressThrottle throttle,
    TimeProvider time,
    ILogger logger,
    CancellationToken cancellationToken)
{
    private readonly List<TrainerEvalEvent> _evaluations = [];
    private Task _edit = Task.CompletedTask;
    private FineTuneRun _run = run;
    private FineTuneProgress? _pending;

    public IReadOnlyList<TrainerEvalEvent> Evaluations => _evaluations;

    public TrainerCompletedEvent? Completed { get; private set; }

    public string? FailureMessage { get; private set; }

    public async Task OnLineAsync(string line)
    {
        switch (TrainerEventParser.Parse(line))
        {
            case TrainerStatusEvent s when TrainingDeviceLine.Describe(s.Message) is { } device:
                await RecordDeviceAsync(device);
                break;
            case TrainerProgressEvent p:
                _pending = new FineTuneProgress(p.Step, p.TotalSteps, p.Loss, p.LearningRate, p.TokensPerSecond, p.Eta, time.GetUtcNow());
                if (_edit.IsCompleted && throttle.TryTake())
                {
                    var progress = _pending;
                    _pending = null;
                    _edit = ShowProgressAsync(progress);
                }

                break;
            case TrainerEvalEvent e:
                _evaluations.Add(e);
                break;
            case TrainerCompletedEvent c:
                Completed = c;
                break;
            case TrainerFailedEvent f:
                FailureMessage = f.Message;
                break;
            case TrainerStatusEvent or TrainerOtherEvent:
                break;
            case null:
                FineTuneRunExecutor.LogMalformedLine(logger, _run.Id, FineTuneRunExecutor.Shorten(line));
                break;
        }
    }

    /// <summary>Stores the device the trainer reported, so progress, results and /gpu show where the run trains
    /// (e.g. on the CPU although the host has a GPU). Once per trainer, early: stored right away.</summary>
    private async Task RecordDeviceAsync(string device)
    {
        try
        {
            _run = await runs.UpdateAsync(_run.Id, r => r.RecordDevice(device), cancellationToken);
        }
        catch (FineTuneTransitionException)
        {
            // Finished by someone else meanwhile.
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>Waits for an edit in flight and stores the last progress seen (without another edit).</summary>
    public async Task FlushAsync()
    {
        await _edit;
        if (_pending is { } last)
        {
            try
            {
                _run = await runs.UpdateAsync(_run.Id, r => r.ReportProgress(last), CancellationToken.None);
            }
            catch (FineTuneTransitionException)
            {
                // Finished by someone else meanwhile.
            }
        }
    }

    private async Task ShowProgressAsync(FineTuneProgress progress)
    {
        try
        {
            _run = await runs.UpdateAsync(_run.Id, r => r.ReportProgress(progress), cancellationToken);
            _run = await editor.ShowAsync(_run, FineTuneMessages.Progress(_run), postIfMissing: true, cancellationToken);
        }
        catch (FineTuneTransitionException)
        {
            // The run was cancelled or finished meanwhile: nothing to show.
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }
}
