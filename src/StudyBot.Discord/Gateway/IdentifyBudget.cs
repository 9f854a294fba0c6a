using StudyBot.Discord.Rest;

namespace StudyBot.Discord.Gateway;

/// <summary>
/// Guards Identify: at most <c>max_concurrency</c> per 5 s, and none at all when the daily budget from
/// <c>session_start_limit</c> (counted down locally between refreshes) falls to the configured floor.
/// </summary>
internal sealed class IdentifyBudget(TimeProvider time)
{
    private static readonly TimeSpan ConcurrencyWindow = TimeSpan.FromSeconds(5);
    private readonly Queue<DateTimeOffset> recent = new();
    private readonly Lock gate = new();
    private SessionStartLimit? limit;
    private DateTimeOffset refreshedAt;

    public SessionStartLimit? Current
    {
        get
        {
            lock (gate)
            {
                return limit;
            }
        }
    }

    public bool NeedsRefresh
    {
        get
        {
            lock (gate)
            {
                return limit is null || time.GetUtcNow() - refreshedAt > TimeSpan.FromMinutes(1);
            }
        }
    }

    public void Refresh(SessionStartLimit sessionStartLimit)
    {
        lock (gate)
        {
            limit = sessionStartLimit;
            refreshedAt = time.GetUtcNow();
        }
    }

    public bool HasBudget(int floor)
    {
        lock (gate)
        {
            return limit is null || limit.Remaining > floor;
        }
    }

    /// <summary>Waits for a concurrency slot and spends one identify from the budget.</summary>
    public async ValueTask TakeAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            TimeSpan delay;
            lock (gate)
            {
                var now = time.GetUtcNow();
                while (recent.Count > 0 && now - recent.Peek() >= ConcurrencyWindow)
                {
                    recent.Dequeue();
                }

                if (recent.Count < Math.Max(limit?.MaxConcurrency ?? 1, 1))
                {
                    recent.Enqueue(now);
                    if (limit is not null)
                    {
                        limit = limit with { Remaining = limit.Remaining - 1 };
                    }

                    return;
                }

                delay = recent.Peek() + ConcurrencyWindow - now;
            }

            await Task.Delay(delay, time, cancellationToken);
        }
    }
}
