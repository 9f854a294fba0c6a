namespace StudyBot.Discord.Gateway;

/// <summary>How a connection ended: whether to try resuming, whether it had reached READY/RESUMED, and any fixed delay.</summary>
internal sealed record ConnectionOutcome(bool TryResume, bool Healthy, TimeSpan? Delay)
{
    public static ConnectionOutcome Resume(bool healthy) => new(true, healthy, healthy ? TimeSpan.FromMilliseconds(Random.Shared.Next(100, 1000)) : null);

    public static ConnectionOutcome NewSession(TimeSpan? delay) => new(false, false, delay);
}
