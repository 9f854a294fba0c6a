namespace StudyBot.Benchmarks;

/// <summary>How the interaction benchmark drives the bot: <see cref="Count"/> slash commands, at most
/// <see cref="Concurrency"/> in flight, after <see cref="Warmup"/> unmeasured ones (JIT, caches, first queries).</summary>
public sealed record InteractionBenchmarkOptions
{
    public int Count { get; init; } = 1000;

    public int Concurrency { get; init; } = 100;

    public int Warmup { get; init; } = 50;

    /// <summary>Extra bot configuration (<c>--Section:Key=value</c>), e.g. the papers folder.</summary>
    public IReadOnlyList<string> BotOverrides { get; init; } = [];

    /// <summary>Discord's limit for the first response; the benchmark counts how many made it.</summary>
    public TimeSpan Deadline { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>How long to wait for a callback before counting the interaction as unanswered.</summary>
    public TimeSpan GiveUpAfter { get; init; } = TimeSpan.FromSeconds(15);

    public void Validate()
    {
        if (Count < 1 || Concurrency < 1 || Warmup < 0)
        {
            throw new ArgumentException("Count and Concurrency must be at least 1 and Warmup at least 0.");
        }
    }
}
