using StudyBot.FineTune;
using StudyBot.Training.Evaluation;

namespace StudyBot.Cli.Training;

/// <summary>
/// The sampler child process of "Sample again": loads a finished run's base model and adapter from its folder,
/// continues the prompt and prints one JSON line (<see cref="SamplerOutput"/>). With <c>--exit-with-parent</c> (the
/// bot passes it) the end of standard input, i.e. the bot gone, ends the process at once with
/// <see cref="TrainerProcessParentWatch.ExitCode"/>: there is nothing to save.
/// </summary>
public sealed class SampleVerb(Func<Stream>? standardInput = null) : ICliVerb
{
    private readonly Func<Stream> _standardInput = standardInput ?? Console.OpenStandardInput;

    public string Name => "sample";

    public string Summary => "Continue a prompt with a finished run folder's adapter (used by the bot's \"Sample again\"; JSON on stdout).";

    public string Usage => "--run-dir DIR --prompt TEXT [--max-tokens N] [--temperature T] [--top-k K] [--seed N] [--model DIR] [--device auto|cpu|cuda] [--libtorch DIR] [--exit-with-parent]";

    public async Task<int> RunAsync(CliArguments arguments, CliConsole console, CancellationToken cancellationToken)
    {
        var runDirectory = arguments.RequiredOption("run-dir");
        var prompt = arguments.RequiredOption("prompt");
        var maxTokens = arguments.IntOption("max-tokens", 1, 1024) ?? 60;
        var temperature = arguments.DoubleOption("temperature", 0, 10) ?? 0.8;
        var topK = arguments.IntOption("top-k", 0, 1_000_000) ?? 40;
        var seed = arguments.IntOption("seed") ?? 0;
        var model = arguments.Option("model");
        var device = DeviceArgument.Parse(arguments);
        var libTorch = LibTorchArgument.Parse(arguments);
        var exitWithParent = arguments.Flag(TrainerProcessParentWatch.Flag);
        arguments.EnsureAllConsumed();
        cancellationToken.ThrowIfCancellationRequested();

        var request = new RunFolderSampleRequest(runDirectory, prompt, new GenerationOptions(maxTokens, temperature, topK, seed), device, model, libTorch);
        if (!exitWithParent)
        {
            return RunFolderSampler.Run(request, console.Out, console.Error);
        }

        // Sampling is one uninterruptible native computation: it runs beside the watch, and a gone parent ends the
        // verb (and so the process) without waiting for it.
        using var watch = TrainerProcessParentWatch.Start(_standardInput(), cancellationToken);
        var sampling = Task.Run(() => RunFolderSampler.Run(request, console.Out, console.Error), CancellationToken.None);
        if (await Task.WhenAny(sampling, watch.WhenParentGone) == sampling)
        {
            return await sampling;
        }

        await console.Error.WriteLineAsync($"studybot sample: {TrainerProcessParentWatch.GoneMessage} (standard input closed); stopped.");
        await console.Error.FlushAsync(CancellationToken.None);
        return TrainerProcessParentWatch.ExitCode;
    }
}
