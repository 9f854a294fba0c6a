namespace StudyBot.Discord.Interactions;

/// <summary>
/// When Discord created an interaction, on our clock. The id is a snowflake whose top bits are Discord's creation time;
/// that time, not when we read the frame, starts the 3-second callback deadline and the token's 15 minutes, which
/// matters for interactions replayed after a resume. Our clock and Discord's can disagree: the smallest gap between
/// creation and receipt seen in earlier interactions (at least zero) is taken for the amount our clock runs ahead and
/// is added back, so a bot whose clock runs a few seconds fast does not take every fresh interaction for an old one.
/// The first interaction after a quiet spell has no earlier sample: an age under Discord's 3 s is believed (slow
/// delivery is likelier than a clock a few seconds fast, and believing it only defers early), a larger one is not and
/// the interaction starts at receipt. The result only brings the
/// automatic defer forward; nothing is dropped on its strength (a clock stepped forward would otherwise make fresh
/// interactions look expired until the estimate caught up).
/// </summary>
internal sealed class InteractionClock(TimeProvider time)
{
    private const long DiscordEpochMs = 1_420_070_400_000;

    /// <summary>Snowflakes further than this from receipt are not believed (test ids, a clock far off) and receipt counts.</summary>
    private static readonly TimeSpan Plausible = TimeSpan.FromMinutes(15);

    /// <summary>With no earlier sample to tell clock skew from age, an age below this (Discord's callback deadline)
    /// is believed.</summary>
    private static readonly TimeSpan BelievedWithoutSamples = TimeSpan.FromSeconds(3);

    /// <summary>The skew estimate looks at this and the previous period, so it follows a clock that was stepped.</summary>
    private static readonly TimeSpan Period = TimeSpan.FromMinutes(10);

    private readonly Lock gate = new();
    private DateTimeOffset periodStart = DateTimeOffset.MinValue;
    private TimeSpan currentMin = TimeSpan.MaxValue;
    private TimeSpan previousMin = TimeSpan.MaxValue;

    public static DateTimeOffset CreatedAt(ulong snowflake) =>
        DateTimeOffset.FromUnixTimeMilliseconds((long)(snowflake >> 22) + DiscordEpochMs);

    /// <summary>The earlier of the interaction's creation (corrected for clock skew) and its receipt.</summary>
    public DateTimeOffset StartOf(ulong interactionId, DateTimeOffset receivedAt)
    {
        var gap = receivedAt - CreatedAt(interactionId);
        if (gap.Duration() > Plausible)
        {
            return receivedAt;
        }

        if (EstimateSkewThenObserve(gap) is not { } ahead)
        {
            return gap > TimeSpan.Zero && gap < BelievedWithoutSamples ? receivedAt - gap : receivedAt;
        }

        var created = receivedAt - gap + ahead;
        return created < receivedAt ? created : receivedAt;
    }

    /// <summary>The skew from earlier samples only (null when there are none), then records this one.</summary>
    private TimeSpan? EstimateSkewThenObserve(TimeSpan gap)
    {
        lock (gate)
        {
            var now = time.GetUtcNow();
            if (now - periodStart >= Period)
            {
                previousMin = now - periodStart >= 2 * Period ? TimeSpan.MaxValue : currentMin;
                currentMin = TimeSpan.MaxValue;
                periodStart = now;
            }

            var smallest = currentMin < previousMin ? currentMin : previousMin;
            if (gap < currentMin)
            {
                currentMin = gap;
            }

            if (smallest == TimeSpan.MaxValue)
            {
                return null;
            }

            return smallest > TimeSpan.Zero ? smallest : TimeSpan.Zero;
        }
    }
}
