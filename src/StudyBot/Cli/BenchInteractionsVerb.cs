using System.Text.Json;
using StudyBot.Benchmarks;

namespace StudyBot.Cli;

/// <summary><c>studybot bench interactions</c>: the real bot against a fake Discord under a burst of slash commands.</summary>
public sealed class BenchInteractionsVerb : ICliVerb
{
    public string Name => "bench interactions";

    public string Summary => "Drive N slash commands at concurrency C through a fake Discord into the real bot; report acknowledgement latency.";

    public string Usage => "[--count 1000] [--concurrency 100] [--warmup 50] [--out FILE.json] [config overrides as --Section:Key=value]";

    public async Task<int> RunAsync(CliArguments arguments, CliConsole console, CancellationToken cancellationToken)
    {
        var options = new InteractionBenchmarkOptions
        {
            Count = arguments.IntOption("count", 1, 1_000_000) ?? 1000,
            Concurrency = arguments.IntOption("concurrency", 1, 10_000) ?? 100,
            Warmup = arguments.IntOption("warmup", 0, 100_000) ?? 50,
        };
        var output = arguments.Option("out");
        options = options with { BotOverrides = ConfigurationOverrides.From(arguments) };
        arguments.EnsureAllConsumed();

        var result = await InteractionBenchmark.RunAsync(options, cancellationToken);
        if (output is not null)
        {
            await CliJson.WriteOutputAsync(output, JsonSerializer.Serialize(result, CliJson.Options) + Environment.NewLine, append: false, cancellationToken);
        }

        await console.Out.WriteLineAsync(result.Summary());
        return result.AcknowledgedWithinDeadline == result.Count ? 0 : 1;
    }
}
