namespace StudyBot.Discord.Gateway;

/// <summary>Keeps a connection under Discord's 120 sent frames per 60 s (a sliding window of send times).</summary>
internal sealed class GatewaySendLimiter(TimeProvider time, int limit = 120, TimeSpan? window = null)
{
    private readonly TimeSpan window = window ?? TimeSpan.FromSeconds(60);
    private readonly Queue<DateTimeOffset> sent = new();
    private readonly Lock gate = new();

    public async ValueTask WaitAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var delay = TryTake();
            if (delay <= TimeSpan.Zero)
            {
                return;
            }

            await Task.Delay(delay, time, cancellationToken);
        }
    }

    /// <summary>Records a send now (returns zero) or says how long until one is allowed.</summary>
    public TimeSpan TryTake()
    {
        var now = time.GetUtcNow();
        lock (gate)
        {
            while (sent.Count > 0 && now - sent.Peek() >= window)
            {
                sent.Dequeue();
            }

            if (sent.Count < limit)
            {
                sent.Enqueue(now);
                return TimeSpan.Zero;
            }

            return sent.Peek() + window - now;
        }
    }
}
