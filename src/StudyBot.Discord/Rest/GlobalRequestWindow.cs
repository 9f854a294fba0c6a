namespace StudyBot.Discord.Rest;

/// <summary>
/// Discord's global limit, kept before it is hit: at most <see cref="Limit"/> requests in any one-second window
/// (50 for a bot; interaction callbacks and follow-ups are exempt). A sliding window of the last requests' times.
/// </summary>
internal sealed class GlobalRequestWindow(int limit)
{
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(1);
    private readonly Lock gate = new();
    private readonly List<DateTimeOffset> sent = new(limit);

    public int Limit { get; } = limit > 0 ? limit : throw new ArgumentOutOfRangeException(nameof(limit), limit, "The global request limit must be positive.");

    /// <summary>Takes a slot now (returns zero) or says how long until the oldest request in the window leaves it.</summary>
    public TimeSpan TryTake(DateTimeOffset now)
    {
        lock (gate)
        {
            var expired = sent.FindIndex(at => at > now - Window);
            sent.RemoveRange(0, expired < 0 ? sent.Count : expired);
            if (sent.Count < Limit)
            {
                sent.Add(now);
                return TimeSpan.Zero;
            }

            return sent[0] + Window - now;
        }
    }

    /// <summary>Gives back the slot just taken, when the request did not go out after all (its bucket was empty).</summary>
    public void Release()
    {
        lock (gate)
        {
            if (sent.Count > 0)
            {
                sent.RemoveAt(sent.Count - 1);
            }
        }
    }
}
