using StudyBot.Training.Data;
using StudyBot.Training.Devices;
using StudyBot.Training.Models;
using StudyBot.Training.Training;

namespace StudyBot.Training.Reporting;

/// <summary>
/// The body of <c>studybot train --run-dir DIR</c>: reads DIR/settings.json, trains into DIR, and narrates on
/// <paramref name="jsonLinesOut"/> (stdout) one JSON object per line, ending with "completed", "cancelled" or
/// "failed". By default it resumes from DIR's latest checkpoint when there is one.
/// </summary>
public static class RunDirectoryTrainer
{
    public static async Task<int> RunAsync(
        string runDir,
        TextWriter jsonLinesOut,
        CancellationToken cancellationToken,
        bool resume = true,
        string? libTorchDirectory = null,
        TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(jsonLinesOut);
        var events = new JsonLinesEventWriter(jsonLinesOut);
        try
        {
            var directory = new RunDirectory(runDir);
            var settings = directory.ReadSettings();
            var options = new TrainingRunOptions(Resume: resume, LibTorchDirectory: libTorchDirectory);
            var result = await new LoraTrainer(timeProvider).RunAsync(settings, options, events, cancellationToken);
            events.Completed(result, directory.Outputs);
            return result.Outcome == TrainingOutcome.Completed ? RunExitCodes.Completed : RunExitCodes.Cancelled;
        }
        catch (Exception ex) when (IsInputProblem(ex))
        {
            events.Failed(ex.Message, ex.GetType().Name);
            return RunExitCodes.InvalidInput;
        }
        catch (Exception ex)
        {
            events.Failed($"{ex.GetType().Name}: {ex.Message}", ex.GetType().Name);
            return RunExitCodes.Failed;
        }
    }

    private static bool IsInputProblem(Exception ex) =>
        ex is FineTuneValidationException or DatasetException or ModelLoadException or DeviceUnavailableException;
}
