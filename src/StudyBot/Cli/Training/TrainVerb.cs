using StudyBot.Training.Reporting;

namespace StudyBot.Cli.Training;

/// <summary>
/// The trainer child process of chat fine-tunes: reads RUN_DIR/settings.json, trains into RUN_DIR and narrates
/// one JSON object per line on standard output. Resumes from the run folder's latest checkpoint by default.
/// </summary>
public sealed class TrainVerb : ICliVerb
{
    public string Name => "train";

    public string Summary => "Train one run folder (used by the bot's fine-tune worker; JSON lines on stdout).";

    public string Usage => "--run-dir DIR [--no-resume] [--libtorch DIR]";

    public async Task<int> RunAsync(CliArguments arguments, CliConsole console, CancellationToken cancellationToken)
    {
        var runDirectory = arguments.RequiredOption("run-dir");
        var noResume = arguments.Flag("no-resume");
        var libTorch = arguments.Option("libtorch");
        arguments.EnsureAllConsumed();
        return await RunDirectoryTrainer.RunAsync(runDirectory, console.Out, cancellationToken, resume: !noResume, libTorchDirectory: libTorch);
    }
}
