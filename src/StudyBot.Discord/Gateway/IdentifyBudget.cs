using StudyBot.Discord.Rest;

namespace StudyBot.Discord.Gateway;

/// <summary>
/// Guards Identify: at most <c>max_concurrency</c> per 5 s, at most a configured number per hour (so even a server
/// that keeps invalidating sessions cannot drain the day's budget), and none at all when the daily budget from
/// <c>session_start_limit</c> (counted down locally between refreshes) falls to the configured floor.
/// </summary>
internal sealed class IdentifyBudget(TimeProvider time)
{
    private static readonly TimeSpan ConcurrencyWindow = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan HourWindow = TimeSpan.FromHours(1);
    private readonly Queue<DateTimeOffset> recent = new();
    private readonly Queue<DateTimeOffset> lastHour = new();
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

    /// <summary>Identifies spent in the last hour.</summary>
    public int SpentLastHour
    {
        get
        {
            lock (gate)
            {
                ForgetOlderThanAnHour(time.GetUtcNow());
                return lastHour.Count;
            }
        }
    }

    /// <summary>How long until one more identify fits under <paramref name="maxPerHour"/>; zero when it fits now.</summary>
    public TimeSpan HourlyWait(int maxPerHour)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxPerHour, 1);
        lock (gate)
        {
            var now = time.GetUtcNow();
            ForgetOlderThanAnHour(now);
            if (lastHour.Count < maxPerHour)
            {
                return TimeSpan.Zero;
            }

            // The slot frees when the identify that is maxPerHour-th from the newest leaves the window.
            var freeing = lastHour.ElementAt(lastHour.Count - maxPerHour);
            return freeing + HourWindow - now;
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
                    lastHour.Enqueue(now);
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

    private void ForgetOlderThanAnHour(DateTimeOffset now)
    {
        while (lastHour.Count > 0 && now - lastHour.Peek() >= HourWindow)
        {
            lastHour.Dequeue();
        }
    }
}
