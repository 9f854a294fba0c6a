namespace StudyBot.Benchmarks;

/// <summary>What one benchmark run measured. Latencies are acknowledgement latencies: from the fake dispatching
/// INTERACTION_CREATE to it receiving the bot's callback, in milliseconds, over acknowledged interactions (null when none was).</summary>
public sealed record InteractionBenchmarkResult(
    DateTimeOffset StartedAt,
    int Count,
    int Concurrency,
    int Acknowledged,
    int AcknowledgedWithinDeadline,
    int Unanswered,
    int ErrorResponses,
    double? P50Ms,
    double? P90Ms,
    double? P99Ms,
    double? MaxMs,
    double? MeanMs,
    double WallSeconds,
    double ThroughputPerSecond,
    int ProcessorCount,
    string? LoadAverage,
    IReadOnlyDictionary<string, int> Commands)
{
    public string Summary() => string.Create(
        System.Globalization.CultureInfo.InvariantCulture,
        $"interactions: {AcknowledgedWithinDeadline}/{Count} acknowledged within 3 s, p50 {Ms(P50Ms)}, p90 {Ms(P90Ms)}, p99 {Ms(P99Ms)}, max {Ms(MaxMs)}, " +
        $"{ThroughputPerSecond:F0}/s at concurrency {Concurrency} ({ProcessorCount} cores, load {LoadAverage ?? "n/a"}, {ErrorResponses} error answers, {Unanswered} unanswered)");

    private static string Ms(double? value) =>
        value is { } v ? v.ToString("F1", System.Globalization.CultureInfo.InvariantCulture) + " ms" : "n/a";
}
