using System.Globalization;
using StudyBot.Training.Data;
using StudyBot.Training.Models;

namespace StudyBot.Cli.Training;

/// <summary>
/// Writes a small GPT-2 in Hugging Face folder format; with <c>--pretrain</c>, trains all its weights on some text
/// first so LoRA fine-tunes start from a model that has seen language.
/// </summary>
public sealed class MakeTinyModelVerb : ICliVerb
{
    /// <summary>Pretraining steps when <c>--pretrain</c> is given without <c>--steps</c>.</summary>
    public const int DefaultPretrainSteps = 200;

    public string Name => "make-tiny-model";

    public string Summary => "Write a small GPT-2 in Hugging Face folder format (no download needed); --pretrain gives it some language first.";

    public string Usage =>
        "--out DIR [--layers 2 --embd 64 --heads 4 --positions 128 --vocab byte --seed 1234 --embedding-std X] " +
        $"[--pretrain FILE|DIR --steps {DefaultPretrainSteps} --batch 8 --lr 3e-3]";

    public async Task<int> RunAsync(CliArguments arguments, CliConsole console, CancellationToken cancellationToken)
    {
        var defaults = new TinyModelOptions();
        var output = arguments.RequiredOption("out");
        var options = new TinyModelOptions(
            Layers: arguments.IntOption("layers", 1, 48) ?? defaults.Layers,
            Embd: arguments.IntOption("embd", 8, 4096) ?? defaults.Embd,
            Heads: arguments.IntOption("heads", 1, 64) ?? defaults.Heads,
            Positions: arguments.IntOption("positions", 8, 8192) ?? defaults.Positions,
            Vocab: arguments.Option("vocab") ?? defaults.Vocab,
            Seed: arguments.IntOption("seed") ?? defaults.Seed,
            EmbeddingStd: arguments.DoubleOption("embedding-std", 1e-6, 10));
        var pretrain = ParsePretraining(arguments, options);
        arguments.EnsureAllConsumed();
        if (options.Embd % options.Heads != 0)
        {
            throw new CliUsageException($"--embd ({options.Embd}) must be divisible by --heads ({options.Heads}).");
        }

        if (options.Vocab != TinyModelFactory.ByteVocab)
        {
            throw new CliUsageException("--vocab supports 'byte' (GPT-2 BPE models come with their own vocab.json and merges.txt).");
        }

        TinyPretrainResult? pretrained;
        try
        {
            var every = pretrain is null ? 1 : Math.Max(1, pretrain.Steps / 10);
            var progress = new SynchronousProgress<TinyPretrainProgress>(p =>
            {
                if (p.Step % every == 0 || p.Step == p.TotalSteps)
                {
                    console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"pretrain step {p.Step,5}/{p.TotalSteps}  loss {p.Loss:F4}  lr {p.LearningRate:E2}"));
                }
            });
            if (pretrain is not null)
            {
                await console.Out.WriteLineAsync($"pretraining every weight for {pretrain.Steps} steps on {string.Join(", ", pretrain.Sources)} (CPU)");
            }

            pretrained = TinyModelFactory.Create(output, options, pretrain, progress, cancellationToken);
        }
        catch (DatasetException ex)
        {
            await console.Error.WriteLineAsync($"studybot {Name}: cannot pretrain: {ex.Message}");
            return 2;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await console.Error.WriteLineAsync($"studybot {Name}: cancelled; nothing was written.");
            return 130;
        }

        await console.Out.WriteLineAsync(
            $"Wrote a {options.Layers}-layer, {options.Embd}-wide GPT-2 ({options.Heads} heads, {options.Positions} positions, byte vocabulary) to {Path.GetFullPath(output)}");
        if (pretrained is not null)
        {
            await console.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"pretrained {pretrained.Steps} steps on {pretrained.DatasetTokens:N0} tokens ({pretrained.TrainSequences} training / {pretrained.ValidationSequences} validation sequences) in {pretrained.Duration.TotalSeconds:F1} s: validation loss {pretrained.ValidationLossBefore:F4} -> {pretrained.ValidationLossAfter:F4}"));
        }

        return 0;
    }

    private static TinyPretrainOptions? ParsePretraining(CliArguments arguments, TinyModelOptions model)
    {
        var source = arguments.Option("pretrain");
        var steps = arguments.IntOption("steps", 1, 1_000_000);
        var batch = arguments.IntOption("batch", 1, 4096);
        var learningRate = arguments.DoubleOption("lr", 1e-7, 1);
        if (source is null)
        {
            if (steps is not null || batch is not null || learningRate is not null)
            {
                throw new CliUsageException("--steps, --batch and --lr only apply with --pretrain FILE|DIR.");
            }

            return null;
        }

        var defaults = new TinyPretrainOptions([source], DefaultPretrainSteps);
        return defaults with
        {
            Steps = steps ?? defaults.Steps,
            BatchSize = batch ?? defaults.BatchSize,
            LearningRate = learningRate ?? defaults.LearningRate,
            SequenceLength = Math.Min(defaults.SequenceLength, model.Positions),
            Seed = model.Seed,
        };
    }

    /// <summary>Invokes the callback on the reporting thread, in order (Progress&lt;T&gt; would post to the thread pool).</summary>
    private sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}
