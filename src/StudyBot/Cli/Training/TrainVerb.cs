using StudyBot.FineTune;
using StudyBot.Training.Reporting;
using StudyBot.Training.Training;

namespace StudyBot.Cli.Training;

/// <summary>
/// The trainer child process of chat fine-tunes: reads RUN_DIR/settings.json, trains into RUN_DIR and narrates
/// one JSON object per line on standard output. Resumes from the run folder's latest checkpoint by default.
/// Holds RUN_DIR/trainer.lock while it works, waiting first for any other trainer of the folder to exit
/// (<see cref="TrainerProcessLock"/>). With <c>--exit-with-parent</c> (the bot's worker passes it) the end of
/// standard input, i.e. the bot gone, stops training like a cancel: a checkpoint is saved and the exit code is
/// <see cref="TrainerProcessParentWatch.ExitCode"/>. Without it standard input is never read.
/// </summary>
public sealed class TrainVerb(Func<Stream>? standardInput = null) : ICliVerb
{
    private readonly Func<Stream> _standardInput = standardInput ?? Console.OpenStandardInput;

    public string Name => "train";

    public string Summary => "Train one run folder (used by the bot's fine-tune worker; JSON lines on stdout).";

    public string Usage => "--run-dir DIR [--no-resume] [--libtorch DIR] [--exit-with-parent]";

    public async Task<int> RunAsync(CliArguments arguments, CliConsole console, CancellationToken cancellationToken)
    {
        var runDirectory = arguments.RequiredOption("run-dir");
        var noResume = arguments.Flag("no-resume");
        var libTorch = arguments.Option("libtorch");
        var exitWithParent = arguments.Flag(TrainerProcessParentWatch.Flag);
        arguments.EnsureAllConsumed();

        using var watch = exitWithParent ? TrainerProcessParentWatch.Start(_standardInput(), cancellationToken) : null;
        var token = watch?.Token ?? cancellationToken;
        TrainerProcessLock? folderLock;
        try
        {
            folderLock = await TrainerProcessLock.AcquireAsync(runDirectory, TimeProvider.System, () => WaitingForOtherTrainer(console, runDirectory), token);
        }
        catch (OperationCanceledException)
        {
            return await StoppedAsync(console, watch, "before it started training");
        }

        using (folderLock)
        {
            var exitCode = await RunDirectoryTrainer.RunAsync(runDirectory, console.Out, token, resume: !noResume, libTorchDirectory: libTorch);
            return watch?.ParentGone == true
                ? await StoppedAsync(console, watch, "after saving a checkpoint")
                : exitCode;
        }
    }

    private static void WaitingForOtherTrainer(CliConsole console, string runDirectory)
    {
        var message = $"waiting for another trainer of {runDirectory} to exit ({TrainerProcessLock.PathIn(runDirectory)} is locked)";
        new JsonLinesEventWriter(console.Out).Report(new TrainingStatusEvent(message));
        console.Error.WriteLine("studybot train: " + message);
    }

    private static async Task<int> StoppedAsync(CliConsole console, TrainerProcessParentWatch? watch, string when)
    {
        if (watch?.ParentGone == true)
        {
            await console.Error.WriteLineAsync($"studybot train: {TrainerProcessParentWatch.GoneMessage} (standard input closed); stopped {when}.");
            await console.Error.FlushAsync(CancellationToken.None);
            return TrainerProcessParentWatch.ExitCode;
        }

        await console.Error.WriteLineAsync($"studybot train: cancelled {when}.");
        return RunExitCodes.Cancelled;
    }
}
