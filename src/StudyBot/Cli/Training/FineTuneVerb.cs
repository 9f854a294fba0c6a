using System.Globalization;
using StudyBot.Training.Data;
using StudyBot.Training.Devices;
using StudyBot.Training.Models;
using StudyBot.Training.Safetensors;
using StudyBot.Training.Training;

namespace StudyBot.Cli.Training;

/// <summary>Trains a LoRA adapter from the command line and prints progress and a before/after summary.</summary>
public sealed class FineTuneVerb : ICliVerb
{
    public string Name => "finetune";

    public string Summary => "Fine-tune a LoRA adapter on a GPT-2 model folder and write the run folder (metrics, plot, samples, adapter).";

    public string Usage =>
        "--model DIR --data FILE --out DIR [--targets c_attn,c_proj --rank 8 --alpha 16 --dropout 0 --lr 2e-4 " +
        "--steps N | --epochs E --batch 4 --seq 128 --accum 1 --warmup 10 --schedule cosine|linear --weight-decay 0.01 " +
        "--seed 42 --device auto|cpu|cuda --libtorch DIR --eval-every N --checkpoint-every N --prompt TEXT [--prompt TEXT ...] --progress-every 10 --resume | --overwrite]";

    public async Task<int> RunAsync(CliArguments arguments, CliConsole console, CancellationToken cancellationToken)
    {
        var defaults = new FineTuneSettings { ModelDirectory = "", DataPath = "", OutputDirectory = "" };
        var printEvery = arguments.IntOption("progress-every", 1, 100_000) ?? 10;
        var settings = new FineTuneSettings
        {
            ModelDirectory = arguments.RequiredOption("model"),
            DataPath = arguments.RequiredOption("data"),
            OutputDirectory = arguments.RequiredOption("out"),
            TargetModules = arguments.Option("targets")?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? defaults.TargetModules,
            Rank = arguments.IntOption("rank") ?? defaults.Rank,
            Alpha = arguments.DoubleOption("alpha") ?? defaults.Alpha,
            Dropout = arguments.DoubleOption("dropout") ?? defaults.Dropout,
            LearningRate = arguments.DoubleOption("lr") ?? defaults.LearningRate,
            Steps = arguments.IntOption("steps"),
            Epochs = arguments.DoubleOption("epochs"),
            BatchSize = arguments.IntOption("batch") ?? defaults.BatchSize,
            SequenceLength = arguments.IntOption("seq") ?? defaults.SequenceLength,
            GradientAccumulation = arguments.IntOption("accum") ?? defaults.GradientAccumulation,
            WarmupSteps = arguments.IntOption("warmup") ?? defaults.WarmupSteps,
            Schedule = arguments.Option("schedule") switch
            {
                null => defaults.Schedule,
                "cosine" => LearningRateScheduleKind.Cosine,
                "linear" => LearningRateScheduleKind.Linear,
                var other => throw new CliUsageException($"--schedule must be cosine or linear (got '{other}')."),
            },
            WeightDecay = arguments.DoubleOption("weight-decay") ?? defaults.WeightDecay,
            Seed = arguments.IntOption("seed") ?? defaults.Seed,
            Device = DeviceArgument.Parse(arguments),
            EvalInterval = arguments.IntOption("eval-every", 0) ?? DefaultEvalInterval(arguments),
            CheckpointInterval = arguments.IntOption("checkpoint-every") ?? defaults.CheckpointInterval,
            SamplePrompts = arguments.Values("prompt") is { Count: > 0 } prompts ? prompts : defaults.SamplePrompts,
            ProgressInterval = printEvery,
        };
        var resume = arguments.Flag("resume");
        var overwrite = arguments.Flag("overwrite");
        var libTorch = LibTorchArgument.Parse(arguments);
        arguments.EnsureAllConsumed();

        var problems = settings.Validate();
        if (problems.Count > 0)
        {
            await WriteCannotStartAsync(console.Error, problems);
            return 2;
        }

        if (resume && overwrite)
        {
            throw new CliUsageException("--resume continues the run in --out and --overwrite replaces it; give one of them.");
        }

        if (!resume && HoldsARun(settings.OutputDirectory))
        {
            if (!overwrite)
            {
                await console.Error.WriteLineAsync(
                    $"Cannot start the fine-tune: '{settings.OutputDirectory}' already holds a run. Pass --resume to continue it, " +
                    "--overwrite to replace it, or choose another --out.");
                return 2;
            }

            // Replaced as a whole: old checkpoints at higher steps would otherwise outlive the new run's.
            Directory.Delete(settings.OutputDirectory, recursive: true);
        }

        try
        {
            var progress = new SynchronousProgress(e => WriteEvent(console.Out, e));
            var result = await new LoraTrainer().RunAsync(settings, new TrainingRunOptions(Resume: resume, LibTorchDirectory: libTorch), progress, cancellationToken);
            await WriteSummaryAsync(console.Out, result);
            return result.Outcome == TrainingOutcome.Completed ? 0 : 130;
        }
        catch (FineTuneValidationException ex)
        {
            // Its message starts "Cannot start fine-tuning: …" for other callers; here the problems go under our own prefix.
            await WriteCannotStartAsync(console.Error, ex.Problems.Count > 0 ? ex.Problems : [ex.Message]);
            return 2;
        }
        catch (Exception ex) when (ex is DatasetException or ModelLoadException or DeviceUnavailableException)
        {
            await WriteCannotStartAsync(console.Error, [ex.Message]);
            return 2;
        }
        catch (Exception ex) when (resume && ex is InvalidDataException or SafetensorsFormatException)
        {
            await console.Error.WriteLineAsync($"Cannot resume the fine-tune: its checkpoint is damaged: {ex.Message}");
            return 2;
        }
    }

    /// <summary>One problem on the prefix's line, several as a list under it.</summary>
    private static async Task WriteCannotStartAsync(TextWriter error, IReadOnlyList<string> problems)
    {
        if (problems.Count == 1)
        {
            await error.WriteLineAsync($"Cannot start the fine-tune: {problems[0]}");
            return;
        }

        await error.WriteLineAsync("Cannot start the fine-tune:");
        foreach (var problem in problems)
        {
            await error.WriteLineAsync($"  - {problem}");
        }
    }

    /// <summary>Without --eval-every: about five validation points over a run of --steps (none for --epochs, whose
    /// length is known only once the data is read), so the loss plot shows a validation curve, not two dots.</summary>
    private static int DefaultEvalInterval(CliArguments arguments) =>
        arguments.IntOption("steps") is { } steps and > 0 ? Math.Max(10, steps / 5) : 0;

    /// <summary>A folder with anything in it: a run this command (or another) wrote, or files that are not ours.</summary>
    private static bool HoldsARun(string directory) =>
        Directory.Exists(directory) && Directory.EnumerateFileSystemEntries(directory).Any();

    private static void WriteEvent(TextWriter output, TrainingEvent trainingEvent)
    {
        switch (trainingEvent)
        {
            case TrainingProgressEvent p:
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"step {p.Step,5}/{p.TotalSteps}  loss {p.Loss:F4}  lr {p.LearningRate:E2}  {p.TokensPerSecond,8:F0} tok/s  eta {p.Eta:hh\\:mm\\:ss}"));
                break;
            case EvaluationEvent e:
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"eval ({e.Phase}, step {e.Step}): val loss {e.ValidationLoss:F4}  ppl {e.Perplexity:F2}"));
                break;
            case TrainingStatusEvent s:
                output.WriteLine(s.Message);
                break;
            case CheckpointSavedEvent c:
                output.WriteLine($"checkpoint at step {c.Step}: {c.Directory}");
                break;
        }
    }

    private static async Task WriteSummaryAsync(TextWriter output, TrainingResult result)
    {
        await output.WriteLineAsync();
        await output.WriteLineAsync($"{result.Outcome}: {result.StepsCompleted}/{result.TotalSteps} steps in {result.Duration.TotalSeconds:F1} s on {result.Device}");
        await output.WriteLineAsync(EvaluationSummary(result));
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"{result.TokensPerSecond:F0} tokens/s, {result.TrainableParameters:N0} trainable parameters"));
        foreach (var sample in result.Samples)
        {
            await output.WriteLineAsync(sample.After is null
                ? $"sample ({sample.Decoding}) for \"{sample.Prompt}\":\n  before: {sample.Before}"
                : $"sample ({sample.Decoding}) for \"{sample.Prompt}\":\n  before: {sample.Before}\n  after:  {sample.After}");
        }

        await output.WriteLineAsync($"run folder: {Path.GetFullPath(result.Outputs.Directory)}");
    }

    /// <summary>
    /// Before and after when both exist; a cancelled run has no final evaluation, and one cancelled during the first
    /// evaluation has none at all: say so instead of printing blanks.
    /// </summary>
    private static string EvaluationSummary(TrainingResult result) => (result.Before, result.After) switch
    {
        ({ } before, { } after) => string.Create(CultureInfo.InvariantCulture,
            $"validation loss {before.Loss:F4} -> {after.Loss:F4}  perplexity {before.Perplexity:F2} -> {after.Perplexity:F2}"),
        ({ } before, null) => string.Create(CultureInfo.InvariantCulture,
            $"{Stopped(result)}; validation loss before {before.Loss:F4}, perplexity {before.Perplexity:F2} (no final evaluation)"),
        (null, { } after) => string.Create(CultureInfo.InvariantCulture,
            $"validation loss after {after.Loss:F4}, perplexity {after.Perplexity:F2} (no evaluation before training)"),
        (null, null) => $"{Stopped(result)}; no validation loss (cancelled before the evaluation before training finished)",
    };

    private static string Stopped(TrainingResult result) => $"cancelled after step {result.StepsCompleted} of {result.TotalSteps}";

    /// <summary>Invokes the callback on the reporting thread, in order (Progress&lt;T&gt; would post to the thread pool).</summary>
    private sealed class SynchronousProgress(Action<TrainingEvent> report) : IProgress<TrainingEvent>
    {
        public void Report(TrainingEvent value) => report(value);
    }
}
