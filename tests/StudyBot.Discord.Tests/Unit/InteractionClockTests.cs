using Microsoft.Extensions.Time.Testing;
using StudyBot.Discord.Interactions;

namespace StudyBot.Discord.Tests.Unit;

public sealed class InteractionClockTests
{
    private const long DiscordEpochMs = 1_420_070_400_000;
    private static readonly DateTimeOffset Now = new(2026, 12, 3, 9, 0, 0, TimeSpan.Zero);

    private readonly FakeTimeProvider time = new(Now);

    /// <summary>A snowflake as Discord makes one: creation milliseconds since 2015 in the top 42 bits.</summary>
    private static ulong IdCreatedAt(DateTimeOffset at, int increment = 0) =>
        ((ulong)(at.ToUnixTimeMilliseconds() - DiscordEpochMs) << 22) | (uint)increment;

    [Fact]
    public void Snowflake_decodes_to_its_creation_time()
    {
        Assert.Equal(Now, InteractionClock.CreatedAt(IdCreatedAt(Now)));
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1_420_070_400_000), InteractionClock.CreatedAt(0));
    }

    [Fact]
    public void Interaction_replayed_late_starts_when_Discord_created_it()
    {
        var clock = new InteractionClock(time);
        Assert.Equal(Now, clock.StartOf(IdCreatedAt(Now), Now));

        var replayed = clock.StartOf(IdCreatedAt(Now - TimeSpan.FromSeconds(5)), Now + TimeSpan.FromMilliseconds(10));

        Assert.Equal(Now - TimeSpan.FromSeconds(5), replayed);
    }

    [Fact]
    public void Clock_running_ahead_of_Discords_does_not_age_fresh_interactions()
    {
        // Our clock is 6 s ahead: every interaction seems to arrive 6 s (plus latency) after its creation.
        var clock = new InteractionClock(time);
        var ahead = TimeSpan.FromSeconds(6);

        var first = clock.StartOf(IdCreatedAt(Now - ahead), Now + TimeSpan.FromMilliseconds(30));
        var second = clock.StartOf(IdCreatedAt(Now + TimeSpan.FromSeconds(1) - ahead), Now + TimeSpan.FromSeconds(1) + TimeSpan.FromMilliseconds(20));
        var replayed = clock.StartOf(IdCreatedAt(Now + TimeSpan.FromSeconds(2) - ahead), Now + TimeSpan.FromSeconds(7));

        Assert.Equal(Now + TimeSpan.FromMilliseconds(30), first);
        Assert.Equal(Now + TimeSpan.FromSeconds(1) + TimeSpan.FromMilliseconds(20), second);
        Assert.Equal(Now + TimeSpan.FromSeconds(2) + TimeSpan.FromMilliseconds(20), replayed);
    }

    [Fact]
    public void First_interaction_after_a_quiet_spell_starts_at_receipt_when_its_snowflake_is_older_than_the_deadline()
    {
        // Nothing seen yet: a 30 s gap may be our clock running ahead, so it is not taken as age.
        var clock = new InteractionClock(time);

        Assert.Equal(Now, clock.StartOf(IdCreatedAt(Now - TimeSpan.FromSeconds(30)), Now));
    }

    [Fact]
    public void First_interaction_after_a_quiet_spell_delivered_late_counts_from_its_snowflake()
    {
        // Nothing seen yet, but 1.5 s is within Discord's 3 s: slow delivery is believed, so the defer comes in time.
        var clock = new InteractionClock(time);

        Assert.Equal(Now - TimeSpan.FromSeconds(1.5), clock.StartOf(IdCreatedAt(Now - TimeSpan.FromSeconds(1.5)), Now));
    }

    [Fact]
    public void Snowflake_in_the_future_or_far_in_the_past_leaves_receipt_as_the_start()
    {
        var clock = new InteractionClock(time);

        Assert.Equal(Now, clock.StartOf(IdCreatedAt(Now + TimeSpan.FromSeconds(2)), Now));
        Assert.Equal(Now, clock.StartOf(4, Now));
        Assert.Equal(Now, clock.StartOf(IdCreatedAt(Now - TimeSpan.FromHours(1)), Now));
    }
}
