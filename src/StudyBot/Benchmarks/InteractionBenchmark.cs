using System.Diagnostics;
using StudyBot.Cli;
using StudyBot.Core.Papers;
using StudyBot.FakeDiscord;
using StudyBot.FakeDiscord.Model;
using StudyBot.Playground;

namespace StudyBot.Benchmarks;

/// <summary>
/// Starts a fake Discord and the real bot against it (temp data folder), then sends slash commands through the fake's
/// control API at a fixed concurrency and measures how long each waits for its acknowledgement.
/// </summary>
public static class InteractionBenchmark
{
    public static async Task<InteractionBenchmarkResult> RunAsync(InteractionBenchmarkOptions options, CancellationToken cancellationToken)
    {
        options.Validate();
        var dataDirectory = Directory.CreateTempSubdirectory("studybot-bench-").FullName;
        var fake = await FakeDiscordServer.StartAsync(new FakeDiscordOptions(), cancellationToken);
        WebApplication? bot = null;
        try
        {
            PlaygroundSeed.Apply(fake);
            bot = await PlaygroundVerb.StartBotAsync(fake, dataDirectory, ["--Logging:LogLevel:Default=Warning", .. options.BotOverrides], cancellationToken);
            var slugs = bot.Services.GetRequiredService<IPaperCatalog>().All.Select(p => p.Slug).ToList();

            await DriveAsync(fake, slugs, options.Warmup, Math.Min(options.Concurrency, 10), options, cancellationToken);
            var startedAt = DateTimeOffset.UtcNow;
            var watch = Stopwatch.StartNew();
            var outcomes = await DriveAsync(fake, slugs, options.Count, options.Concurrency, options, cancellationToken);
            watch.Stop();
            return Summarize(options, startedAt, watch.Elapsed, outcomes, slugs);
        }
        finally
        {
            if (bot is not null)
            {
                await bot.StopAsync(CancellationToken.None);
                await bot.DisposeAsync();
            }

            await fake.DisposeAsync();
            TryDelete(dataDirectory);
        }
    }

    private static async Task<Outcome[]> DriveAsync(FakeDiscordServer fake, IReadOnlyList<string> slugs, int count, int concurrency, InteractionBenchmarkOptions options, CancellationToken cancellationToken)
    {
        var outcomes = new Outcome[count];
        var next = -1;
        var workers = Enumerable.Range(0, Math.Min(concurrency, count)).Select(_ => Task.Run(async () =>
        {
            int index;
            while ((index = Interlocked.Increment(ref next)) < count)
            {
                outcomes[index] = await SendOneAsync(fake, index, slugs, options, cancellationToken);
            }
        }, cancellationToken));
        await Task.WhenAll(workers);
        return outcomes;
    }

    private static async Task<Outcome> SendOneAsync(FakeDiscordServer fake, int index, IReadOnlyList<string> slugs, InteractionBenchmarkOptions options, CancellationToken cancellationToken)
    {
        var (path, commandOptions) = InteractionBenchmarkWorkload.Command(index, slugs);
        var handle = await fake.SendSlashCommandAsync(PlaygroundSeed.GuildId, PlaygroundSeed.PaperClubChannelId, PlaygroundSeed.AdaId, path, commandOptions, cancellationToken);
        try
        {
            var callback = await handle.WaitForCallbackAsync(options.GiveUpAfter, cancellationToken);
            var content = callback.Data?["content"]?.ToString() ?? "";
            return new Outcome(path, callback.Latency, content.StartsWith("⚠️", StringComparison.Ordinal));
        }
        catch (TimeoutException)
        {
            return new Outcome(path, null, false);
        }
    }

    private static InteractionBenchmarkResult Summarize(InteractionBenchmarkOptions options, DateTimeOffset startedAt, TimeSpan wall, Outcome[] outcomes, IReadOnlyList<string> slugs)
    {
        var latencies = outcomes.Where(o => o.Latency is not null).Select(o => o.Latency!.Value.TotalMilliseconds).Order().ToArray();
        return new InteractionBenchmarkResult(
            startedAt,
            options.Count,
            options.Concurrency,
            latencies.Length,
            outcomes.Count(o => o.Latency is { } l && l < options.Deadline),
            outcomes.Count(o => o.Latency is null),
            outcomes.Count(o => o.Error),
            Percentile(latencies, 0.50),
            Percentile(latencies, 0.90),
            Percentile(latencies, 0.99),
            latencies.Length == 0 ? null : latencies[^1],
            latencies.Length == 0 ? null : latencies.Average(),
            wall.TotalSeconds,
            options.Count / wall.TotalSeconds,
            Environment.ProcessorCount,
            LoadAverage(),
            outcomes.GroupBy(o => o.Path).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal));
    }

    /// <summary>Nearest-rank percentile of sorted values.</summary>
    private static double? Percentile(double[] sorted, double fraction) =>
        sorted.Length == 0 ? null : sorted[Math.Clamp((int)Math.Ceiling(fraction * sorted.Length) - 1, 0, sorted.Length - 1)];

    /// <summary>The 1/5/15-minute load averages on Linux (other engineers' builds share this machine), else null.</summary>
    private static string? LoadAverage()
    {
        try
        {
            return File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : null;
        }
        catch (IOException)
        {
            return null;
        }
    }

    private static void TryDelete(string directory)
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS's temp cleanup.
        }
    }

    private sealed record Outcome(string Path, TimeSpan? Latency, bool Error);
}
