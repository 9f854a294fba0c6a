using StudyBot.Training.Benchmarks;
using StudyBot.Training.Devices;

namespace StudyBot.Cli.Training;

/// <summary>The LoRA training benchmark; prints one JSON line in the format of shared/bench/peft_lora_bench.py.</summary>
public sealed class BenchLoraVerb : ICliVerb
{
    public string Name => "bench lora";

    public string Summary => "Benchmark LoRA training steps on a random-init GPT-2 (one JSON line, like the PEFT reference).";

    public string Usage => "[--layers 12 --embd 768 --heads 12 --batch 8 --seq 1024 --rank 8 --steps 30 --warmup 5 --vocab 50257 --device auto|cpu|cuda --libtorch DIR --out FILE]";

    public async Task<int> RunAsync(CliArguments arguments, CliConsole console, CancellationToken cancellationToken)
    {
        var defaults = new LoraBenchmarkOptions();
        var options = defaults with
        {
            Layers = arguments.IntOption("layers", 1, 96) ?? defaults.Layers,
            Embd = arguments.IntOption("embd", 8, 16384) ?? defaults.Embd,
            Heads = arguments.IntOption("heads", 1, 128) ?? defaults.Heads,
            Batch = arguments.IntOption("batch", 1, 4096) ?? defaults.Batch,
            Seq = arguments.IntOption("seq", 1, 65536) ?? defaults.Seq,
            Rank = arguments.IntOption("rank", 1, 1024) ?? defaults.Rank,
            Steps = arguments.IntOption("steps", 1, 100_000) ?? defaults.Steps,
            Warmup = arguments.IntOption("warmup", 0, 100_000) ?? defaults.Warmup,
            VocabSize = arguments.IntOption("vocab", 2, 1_000_000) ?? defaults.VocabSize,
            Device = DeviceArgument.Parse(arguments),
            LibTorchDirectory = LibTorchArgument.Parse(arguments),
        };
        var output = arguments.Option("out");
        arguments.EnsureAllConsumed();
        if (options.Problem() is { } problem)
        {
            throw new CliUsageException(problem);
        }

        LoraBenchmarkResult result;
        try
        {
            result = LoraBenchmark.Run(options, cancellationToken);
        }
        catch (DeviceUnavailableException ex)
        {
            await console.Error.WriteLineAsync($"studybot {Name}: {ex.Message}");
            return 2;
        }

        var line = result.ToJsonLine();
        await console.Out.WriteLineAsync(line);
        if (output is not null)
        {
            await CliJson.WriteOutputAsync(output, line + Environment.NewLine, append: true, cancellationToken);
        }

        return 0;
    }
}
