using System.Collections.Concurrent;

namespace StudyBot.Discord.Rest;

/// <summary>
/// Per-bucket and global rate-limit state learned from response headers. Requests reserve a slot before they are
/// sent (so concurrent callers of one bucket do not all fire into a 429) and wait when the bucket is empty until
/// its reset; a 429 empties the bucket (or closes the global gate) for <c>retry_after</c>. The global limit of
/// <see cref="DefaultGlobalPerSecond"/> requests a second is also kept ahead of time. Interaction routes are exempt
/// from both the global window and a global 429, as Discord exempts them from the global limit.
/// No wait learned from an answer is stored longer than <c>maxWait</c> (Discord:MaxRetryAfter in the bot): a request
/// that would have to wait longer fails at once anyway, so a longer lock would only shut the route for nothing.
/// </summary>
internal sealed class DiscordRateLimiter(TimeProvider time, int globalPerSecond = DiscordRateLimiter.DefaultGlobalPerSecond, Func<TimeSpan>? maxWait = null)
{
    public const int DefaultGlobalPerSecond = 50;

    /// <summary>How long a first request on a route may hold the others back while its bucket is learned.</summary>
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(10);

    /// <summary>While nothing is known of a route's bucket, how often waiting callers look again.</summary>
    private static readonly TimeSpan ProbePoll = TimeSpan.FromMilliseconds(25);

    /// <summary>
    /// Above this many tracked routes, buckets whose window has passed are forgotten. Every interaction has routes of
    /// its own (its token is a major parameter), so without pruning the maps would grow by one entry per interaction
    /// and keep every token; a forgotten route just learns its bucket again from its next answer.
    /// </summary>
    internal const int PruneThreshold = 256;

    /// <summary>Routes whose bucket is unknown and whose first request is in flight: until its answer brings the
    /// bucket's headers, the rest wait, so a burst on a new channel is not a burst of 429s.</summary>
    private readonly ConcurrentDictionary<string, DateTimeOffset> probing = new();

    private readonly GlobalRequestWindow globalWindow = new(globalPerSecond);
    /// <summary>Route key → bucket id (Discord's hash plus the major parameter).</summary>
    private readonly ConcurrentDictionary<string, string> bucketByRoute = new();
    private readonly ConcurrentDictionary<string, Bucket> buckets = new();
    private readonly Lock globalLock = new();
    private readonly Lock pruneLock = new();
    private DateTimeOffset globalResetAt;
    private int pruneAt = PruneThreshold;

    /// <summary>Routes whose bucket is remembered (for tests: stays bounded however many interactions pass).</summary>
    internal int TrackedRoutes => bucketByRoute.Count;

    /// <summary>Buckets remembered (for tests).</summary>
    internal int TrackedBuckets => buckets.Count;

    /// <summary>Waits for a slot on <paramref name="route"/>; a wait longer than <paramref name="maxWait"/> (a long
    /// 429 still running) is not sat out but thrown as a 429 <see cref="DiscordApiException"/>.</summary>
    public async ValueTask WaitAsync(RateLimitRoute route, TimeSpan maxWait, CancellationToken cancellationToken)
    {
        while (true)
        {
            var delay = Reserve(route);
            if (delay <= TimeSpan.Zero)
            {
                return;
            }

            if (delay > maxWait)
            {
                throw new DiscordApiException(
                    System.Net.HttpStatusCode.TooManyRequests,
                    null,
                    $"still rate limited for {delay.TotalSeconds:0.###} s, longer than Discord:MaxRetryAfter ({maxWait.TotalSeconds:0.###} s); not waiting",
                    null,
                    route.Display) { RetryAfter = delay };
            }

            await Task.Delay(delay, time, cancellationToken);
        }
    }

    /// <summary>Takes a slot now (returns zero) or says how long to wait before asking again.</summary>
    public TimeSpan Reserve(RateLimitRoute route)
    {
        var now = time.GetUtcNow();

        // Interaction endpoints are bound neither by the global window nor by a global 429: a callback must not miss
        // its 3 s deadline because other routes spent the bot's global budget.
        var counted = !IsInteractionRoute(route);
        if (counted)
        {
            lock (globalLock)
            {
                if (now < globalResetAt)
                {
                    return globalResetAt - now;
                }
            }

            if (globalWindow.TryTake(now) is var globalWait && globalWait > TimeSpan.Zero)
            {
                return globalWait;
            }
        }

        var bucketWait = FindBucket(route) is { } bucket ? bucket.Reserve(now) : Probe(route, now);
        if (bucketWait > TimeSpan.Zero && counted)
        {
            globalWindow.Release();
        }

        return bucketWait;
    }

    /// <summary>Interaction callbacks (<c>interactions/{id}/{token}</c>) and follow-ups and @original edits
    /// (<c>webhooks/{application id}/{token}</c>) are not bound by the global limit.</summary>
    private static bool IsInteractionRoute(RateLimitRoute route) =>
        route.Major.StartsWith("interactions/", StringComparison.Ordinal) || route.Major.StartsWith("webhooks/", StringComparison.Ordinal);

    /// <summary>The request on <paramref name="route"/> ended without an answer to learn from (a transport error).</summary>
    public void Ended(RateLimitRoute route) => probing.TryRemove(route.Key, out _);

    public void Update(RateLimitRoute route, RateLimitHeaders headers)
    {
        if (headers.Bucket is null || headers.Remaining is not { } remaining || headers.ResetAfter is not { } resetAfter)
        {
            Ended(route);
            return;
        }

        var now = time.GetUtcNow();
        var id = BucketId(headers.Bucket, route);
        var limit = headers.Limit ?? Math.Max(remaining, 1);
        var window = Capped(resetAfter);
        var resetAt = now + window;
        Store(id, () => new Bucket(limit, remaining, resetAt, window), bucket => bucket.Learn(limit, remaining, resetAt, window));
        bucketByRoute[route.Key] = id;
        // Only now release the callers waiting on the probe: released earlier, one would find neither the probe nor
        // the bucket and go out as a second unknown request.
        Ended(route);
        PruneIfLarge(now);
    }

    public void TooManyRequests(RateLimitRoute route, RateLimitHeaders headers, TimeSpan retryAfter, bool global)
    {
        var resetAt = time.GetUtcNow() + Capped(retryAfter);
        if (global || headers.Scope == "global")
        {
            lock (globalLock)
            {
                if (resetAt > globalResetAt)
                {
                    globalResetAt = resetAt;
                }
            }

            Ended(route);
            return;
        }

        // Without a bucket header the route itself stands in for the bucket, so the wait still applies.
        var id = headers.Bucket is { } hash ? BucketId(hash, route) : bucketByRoute.TryGetValue(route.Key, out var known) ? known : BucketId(route.Key, route);
        Store(id, () => new Bucket(1, 0, resetAt, TimeSpan.Zero), bucket => bucket.Exhaust(resetAt));
        bucketByRoute[route.Key] = id;
        Ended(route);
        PruneIfLarge(time.GetUtcNow());
    }

    /// <summary>
    /// Puts what was learned into bucket <paramref name="id"/>: a new bucket is created already filled in (never as an
    /// empty one a prune could take before it learns), and an existing one that a prune retired meanwhile is replaced.
    /// </summary>
    private void Store(string id, Func<Bucket> create, Func<Bucket, bool> learn)
    {
        while (true)
        {
            if (buckets.TryGetValue(id, out var bucket))
            {
                if (learn(bucket))
                {
                    return;
                }

                // Retired by a prune between the lookup and the update: it is (or is about to be) gone from the map.
                buckets.TryRemove(new KeyValuePair<string, Bucket>(id, bucket));
            }
            else if (buckets.TryAdd(id, create()))
            {
                return;
            }
        }
    }

    /// <summary>A wait held to at most <c>maxWait</c> (and never negative).</summary>
    private TimeSpan Capped(TimeSpan wait)
    {
        var cap = maxWait?.Invoke() ?? RateLimitHeaders.MaxSaneWait;
        return wait < TimeSpan.Zero ? TimeSpan.Zero : wait > cap ? cap : wait;
    }

    private static string BucketId(string hash, RateLimitRoute route) => hash + ":" + route.Major;

    /// <summary>
    /// Forgets buckets whose window has passed (and the routes pointing at them) once the route map has grown past
    /// <see cref="pruneAt"/>; the next threshold is twice what is left, so the scans cost O(1) per update on average.
    /// </summary>
    private void PruneIfLarge(DateTimeOffset now)
    {
        if (bucketByRoute.Count < Volatile.Read(ref pruneAt) || !pruneLock.TryEnter())
        {
            return;
        }

        try
        {
            foreach (var (id, bucket) in buckets)
            {
                if (bucket.TryRetire(now))
                {
                    buckets.TryRemove(new KeyValuePair<string, Bucket>(id, bucket));
                }
            }

            foreach (var (key, id) in bucketByRoute)
            {
                if (!buckets.ContainsKey(id))
                {
                    bucketByRoute.TryRemove(new KeyValuePair<string, string>(key, id));
                }
            }

            Volatile.Write(ref pruneAt, Math.Max(PruneThreshold, bucketByRoute.Count * 2));
        }
        finally
        {
            pruneLock.Exit();
        }
    }

    private TimeSpan Probe(RateLimitRoute route, DateTimeOffset now)
    {
        if (probing.TryAdd(route.Key, now) || !probing.TryGetValue(route.Key, out var started))
        {
            return TimeSpan.Zero;
        }

        if (now - started >= ProbeTimeout && probing.TryUpdate(route.Key, now, started))
        {
            // The first request never reported back: do not hold the route forever.
            return TimeSpan.Zero;
        }

        return ProbePoll;
    }

    private Bucket? FindBucket(RateLimitRoute route) =>
        bucketByRoute.TryGetValue(route.Key, out var id) && buckets.TryGetValue(id, out var bucket) ? bucket : null;

    /// <summary>
    /// One bucket's slots. Answers come back out of order and each one's reset is measured from its own arrival, so
    /// two answers from one server window differ by their latency: an answer may lower what is left, never raise it,
    /// and may move the reset later, never earlier. Slots come back only when the window passes; the refill then
    /// opens a window of the longest length learned, so it happens once, not every <c>limit</c> reservations, until
    /// the next answer says where the server's window really ends.
    /// </summary>
    private sealed class Bucket(int limit, int remaining, DateTimeOffset resetAt, TimeSpan window)
    {
        /// <summary>The window assumed after a refill while none has been learned (a bucket first met as a 429).</summary>
        private static readonly TimeSpan UnknownWindow = TimeSpan.FromSeconds(1);

        private readonly Lock gate = new();
        private int limit = limit;
        private int remaining = remaining;
        private DateTimeOffset resetAt = resetAt;
        private TimeSpan window = window;

        /// <summary>Set by a prune that forgets this bucket: it learns nothing more (the caller stores a new one).</summary>
        private bool retired;

        public TimeSpan Reserve(DateTimeOffset now)
        {
            lock (gate)
            {
                if (now >= resetAt)
                {
                    // The window has passed: assume it refilled; the next answer corrects the count and the reset.
                    remaining = Math.Max(limit, 1);
                    resetAt = now + (window > TimeSpan.Zero ? window : UnknownWindow);
                }

                if (remaining > 0)
                {
                    remaining--;
                    return TimeSpan.Zero;
                }

                return resetAt - now;
            }
        }

        /// <summary>Once the window has passed the bucket is as good as unknown: retires it (true) so it may be forgotten.</summary>
        public bool TryRetire(DateTimeOffset now)
        {
            lock (gate)
            {
                retired |= now >= resetAt;
                return retired;
            }
        }

        /// <summary>False when the bucket was retired: what was learned must go into a new one.</summary>
        public bool Learn(int newLimit, int newRemaining, DateTimeOffset newResetAt, TimeSpan resetAfter)
        {
            lock (gate)
            {
                if (retired)
                {
                    return false;
                }

                limit = newLimit;
                remaining = Math.Min(remaining, newRemaining);
                if (newResetAt > resetAt)
                {
                    resetAt = newResetAt;
                }

                if (resetAfter > window)
                {
                    window = resetAfter;
                }

                return true;
            }
        }

        /// <summary>False when the bucket was retired (see <see cref="Learn"/>).</summary>
        public bool Exhaust(DateTimeOffset until)
        {
            lock (gate)
            {
                if (retired)
                {
                    return false;
                }

                remaining = 0;
                if (until > resetAt)
                {
                    resetAt = until;
                }

                return true;
            }
        }
    }
}
