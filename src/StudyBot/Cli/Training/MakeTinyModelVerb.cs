using StudyBot.Training.Models;

namespace StudyBot.Cli.Training;

public sealed class MakeTinyModelVerb : ICliVerb
{
    public string Name => "make-tiny-model";

    public string Summary => "Write a small random-init GPT-2 in Hugging Face folder format (no download needed).";

    public string Usage => "--out DIR [--layers 2 --embd 64 --heads 4 --positions 128 --vocab byte --seed 1234]";

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
            Seed: arguments.IntOption("seed") ?? defaults.Seed);
        arguments.EnsureAllConsumed();
        if (options.Embd % options.Heads != 0)
        {
            throw new CliUsageException($"--embd ({options.Embd}) must be divisible by --heads ({options.Heads}).");
        }

        if (options.Vocab != "byte")
        {
            throw new CliUsageException("--vocab supports 'byte' (GPT-2 BPE models come with their own vocab.json and merges.txt).");
        }

        TinyModelFactory.Create(output, options);
        await console.Out.WriteLineAsync(
            $"Wrote a {options.Layers}-layer, {options.Embd}-wide GPT-2 ({options.Heads} heads, {options.Positions} positions, byte vocabulary) to {Path.GetFullPath(output)}");
        return 0;
    }
}
