using Microsoft.Extensions.Time.Testing;
using StudyBot.Discord.Rest;

namespace StudyBot.Discord.Tests.Unit;

public sealed class DiscordRateLimiterTests
{
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
    private readonly RateLimitRoute messages = RateLimitRoute.For(HttpMethod.Post, "channels/1/messages");

    private static RateLimitHeaders Headers(string bucket, int limit, int remaining, double resetAfter, string? scope = null) =>
        new(bucket, limit, remaining, TimeSpan.FromSeconds(resetAfter), scope, false);

    [Fact]
    public void On_a_route_whose_bucket_is_unknown_only_the_first_request_goes_until_its_answer_arrives()
    {
        var limiter = new DiscordRateLimiter(time);
        var otherChannel = RateLimitRoute.For(HttpMethod.Post, "channels/2/messages");

        Assert.Equal(TimeSpan.Zero, limiter.Reserve(messages));
        Assert.True(limiter.Reserve(messages) > TimeSpan.Zero);
        Assert.Equal(TimeSpan.Zero, limiter.Reserve(otherChannel));

        limiter.Update(messages, Headers("abc", limit: 5, remaining: 4, resetAfter: 1));
        Assert.Equal(TimeSpan.Zero, limiter.Reserve(messages));
        Assert.Equal(TimeSpan.Zero, limiter.Reserve(messages));
    }

    [Fact]
    public void A_first_request_that_ends_without_an_answer_or_never_reports_back_does_not_hold_the_route()
    {
        var limiter = new DiscordRateLimiter(time);
        var edit = RateLimitRoute.For(HttpMethod.Patch, "channels/1/messages/9");

        limiter.Reserve(messages);
        limiter.Ended(messages);
        Assert.Equal(TimeSpan.Zero, limiter.Reserve(messages));

        limiter.Reserve(edit);
        Assert.True(limiter.Reserve(edit) > TimeSpan.Zero);
        time.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(TimeSpan.Zero, limiter.Reserve(edit));
    }

    [Fact]
    public void Empty_bucket_waits_until_its_reset_then_refills()
    {
        var limiter = new DiscordRateLimiter(time);
        limiter.Update(messages, Headers("abc", limit: 5, remaining: 0, resetAfter: 2.5));

        Assert.Equal(TimeSpan.FromSeconds(2.5), limiter.Reserve(messages));
        time.Advance(TimeSpan.FromSeconds(2.5));
        Assert.Equal(TimeSpan.Zero, limiter.Reserve(messages));
    }

    [Fact]
    public void Remaining_slots_are_reserved_by_concurrent_callers()
    {
        var limiter = new DiscordRateLimiter(time);
        limiter.Update(messages, Headers("abc", limit: 5, remaining: 2, resetAfter: 1));

        Assert.Equal(TimeSpan.Zero, limiter.Reserve(messages));
        Assert.Equal(TimeSpan.Zero, limiter.Reserve(messages));
        Assert.Equal(TimeSpan.FromSeconds(1), limiter.Reserve(messages));
    }

    [Fact]
    public void Buckets_are_separate_per_major_parameter()
    {
        var limiter = new DiscordRateLimiter(time);
        var otherChannel = RateLimitRoute.For(HttpMethod.Post, "channels/2/messages");
        limiter.Update(messages, Headers("abc", 5, 0, 3));
        limiter.Update(otherChannel, Headers("abc", 5, 4, 3));

        Assert.True(limiter.Reserve(messages) > TimeSpan.Zero);
        Assert.Equal(TimeSpan.Zero, limiter.Reserve(otherChannel));
    }

    [Fact]
    public void Routes_sharing_a_bucket_hash_share_its_limit()
    {
        var limiter = new DiscordRateLimiter(time);
        var edit = RateLimitRoute.For(HttpMethod.Patch, "channels/1/messages/9");
        limiter.Update(messages, Headers("shared", 5, 0, 4));
        limiter.Update(edit, Headers("shared", 5, 0, 4));

        Assert.Equal(TimeSpan.FromSeconds(4), limiter.Reserve(edit));
    }

    [Fact]
    public void Global_429_holds_every_route()
    {
        var limiter = new DiscordRateLimiter(time);
        var unrelated = RateLimitRoute.For(HttpMethod.Get, "guilds/3/scheduled-events");
        limiter.TooManyRequests(messages, new RateLimitHeaders(null, null, null, null, "global", true), TimeSpan.FromSeconds(1.5), global: true);

        Assert.Equal(TimeSpan.FromSeconds(1.5), limiter.Reserve(unrelated));
        time.Advance(TimeSpan.FromSeconds(1.5));
        Assert.Equal(TimeSpan.Zero, limiter.Reserve(unrelated));
    }

    [Fact]
    public void No_wait_longer_than_the_max_wait_is_stored_for_a_route_the_global_gate_or_a_bucket()
    {
        var limiter = new DiscordRateLimiter(time, maxWait: () => TimeSpan.FromSeconds(60));
        var edit = RateLimitRoute.For(HttpMethod.Patch, "channels/1/messages/9");
        var unrelated = RateLimitRoute.For(HttpMethod.Get, "guilds/3/scheduled-events");

        limiter.TooManyRequests(messages, Headers("abc", limit: 5, remaining: 0, resetAfter: 3000), TimeSpan.FromMinutes(50), global: false);
        limiter.Update(edit, Headers("def", limit: 5, remaining: 0, resetAfter: 3000));
        Assert.Equal(TimeSpan.FromSeconds(60), limiter.Reserve(messages));
        Assert.Equal(TimeSpan.FromSeconds(60), limiter.Reserve(edit));

        limiter.TooManyRequests(messages, new RateLimitHeaders(null, null, null, null, "global", true), TimeSpan.FromMinutes(50), global: true);
        Assert.Equal(TimeSpan.FromSeconds(60), limiter.Reserve(unrelated));

        time.Advance(TimeSpan.FromSeconds(60));
        Assert.Equal(TimeSpan.Zero, limiter.Reserve(unrelated));
        Assert.Equal(TimeSpan.Zero, limiter.Reserve(messages));
        Assert.Equal(TimeSpan.Zero, limiter.Reserve(edit));
    }

    [Fact]
    public void A_global_429_does_not_hold_interaction_callbacks_or_follow_ups()
    {
        var limiter = new DiscordRateLimiter(time);
        limiter.TooManyRequests(messages, new RateLimitHeaders(null, null, null, null, "global", true), TimeSpan.FromSeconds(30), global: true);

        Assert.Equal(TimeSpan.FromSeconds(30), limiter.Reserve(messages));
        Assert.Equal(TimeSpan.Zero, limiter.Reserve(RateLimitRoute.For(HttpMethod.Post, "interactions/5/tok/callback")));
        Assert.Equal(TimeSpan.Zero, limiter.Reserve(RateLimitRoute.For(HttpMethod.Patch, "webhooks/6/tok/messages/@original")));
        Assert.Equal(TimeSpan.Zero, limiter.Reserve(RateLimitRoute.For(HttpMethod.Post, "webhooks/6/tok")));
    }

    [Fact]
    public void A_thousand_interactions_leave_a_bounded_number_of_tracked_routes_and_live_buckets_are_kept()
    {
        var limiter = new DiscordRateLimiter(time);
        limiter.Update(messages, Headers("abc", limit: 5, remaining: 0, resetAfter: 600));
        for (var i = 0; i < 1000; i++)
        {
            // Each interaction has its own callback and webhook routes (the token is a major parameter).
            var callback = RateLimitRoute.For(HttpMethod.Post, $"interactions/{i + 1}/token-{i}/callback");
            var followUp = RateLimitRoute.For(HttpMethod.Post, $"webhooks/77/token-{i}");
            Assert.Equal(TimeSpan.Zero, limiter.Reserve(callback));
            limiter.Update(callback, Headers("cb", limit: 1, remaining: 0, resetAfter: 1));
            Assert.Equal(TimeSpan.Zero, limiter.Reserve(followUp));
            limiter.Update(followUp, Headers("wh", limit: 5, remaining: 4, resetAfter: 2));
            time.Advance(TimeSpan.FromMilliseconds(100));
        }

        Assert.InRange(limiter.TrackedRoutes, 1, DiscordRateLimiter.PruneThreshold);
        Assert.InRange(limiter.TrackedBuckets, 1, DiscordRateLimiter.PruneThreshold);

        // The channel bucket, still inside its window, was not forgotten.
        Assert.Equal(TimeSpan.FromSeconds(500), limiter.Reserve(messages));
    }

    [Fact]
    public async Task A_bucket_learned_while_another_thread_prunes_is_never_lost()
    {
        var limiter = new DiscordRateLimiter(time);
        var lost = 0;
        var learnerDone = 0;

        // The learner: a new bucket on a new route each time, emptied for 0.5 s; right after learning it, its route
        // must wait. Then time moves on so the bucket may be pruned (keeping the maps small and prunes frequent).
        var learner = Task.Run(() =>
        {
            try
            {
                for (var i = 0; i < 100_000; i++)
                {
                    var route = RateLimitRoute.For(HttpMethod.Post, $"channels/{i + 1}/messages");
                    if (i % 2 == 0)
                    {
                        limiter.Update(route, Headers($"b{i}", limit: 5, remaining: 0, resetAfter: 0.5));
                    }
                    else
                    {
                        limiter.TooManyRequests(route, Headers($"b{i}", limit: 5, remaining: 0, resetAfter: 0.5), TimeSpan.FromSeconds(0.5), global: false);
                    }

                    if (limiter.Reserve(route) <= TimeSpan.Zero)
                    {
                        lost++;
                    }

                    time.Advance(TimeSpan.FromSeconds(1));
                }
            }
            finally
            {
                Volatile.Write(ref learnerDone, 1);
            }
        });

        // The churn: interaction routes whose buckets have always already reset, so the maps keep crossing the prune
        // threshold while the learner works.
        var churn = Task.Run(() =>
        {
            for (var i = 0; Volatile.Read(ref learnerDone) == 0; i++)
            {
                limiter.Update(RateLimitRoute.For(HttpMethod.Post, $"interactions/{i + 1}/tok-{i}/callback"), Headers("cb", limit: 1, remaining: 1, resetAfter: 0));
            }
        });

        await Task.WhenAll(learner, churn).WaitAsync(TimeSpan.FromMinutes(2));
        Assert.Equal(0, lost);
    }

    [Fact]
    public void Route_429_without_bucket_header_still_waits_retry_after()
    {
        var limiter = new DiscordRateLimiter(time);
        limiter.TooManyRequests(messages, new RateLimitHeaders(null, null, null, null, "user", false), TimeSpan.FromSeconds(0.75), global: false);

        Assert.Equal(TimeSpan.FromSeconds(0.75), limiter.Reserve(messages));
        Assert.Equal(TimeSpan.Zero, limiter.Reserve(RateLimitRoute.For(HttpMethod.Post, "channels/2/messages")));
    }

    [Fact]
    public void Fifty_requests_a_second_pass_and_the_next_waits_until_the_oldest_leaves_the_window()
    {
        var limiter = new DiscordRateLimiter(time);
        for (var i = 0; i < DiscordRateLimiter.DefaultGlobalPerSecond; i++)
        {
            Assert.Equal(TimeSpan.Zero, limiter.Reserve(RateLimitRoute.For(HttpMethod.Post, $"channels/{i + 1}/messages")));
            time.Advance(TimeSpan.FromMilliseconds(10));
        }

        // 500 ms have passed since the first request: it leaves the window in another 500 ms.
        var unrelated = RateLimitRoute.For(HttpMethod.Get, "guilds/3/scheduled-events");
        Assert.Equal(TimeSpan.FromMilliseconds(500), limiter.Reserve(unrelated));
        time.Advance(TimeSpan.FromMilliseconds(500));
        Assert.Equal(TimeSpan.Zero, limiter.Reserve(unrelated));
        Assert.Equal(TimeSpan.FromMilliseconds(10), limiter.Reserve(unrelated));
    }

    [Fact]
    public void Interaction_callbacks_and_follow_ups_are_not_held_by_the_global_limit()
    {
        var limiter = new DiscordRateLimiter(time, globalPerSecond: 2);
        limiter.Update(messages, Headers("abc", limit: 50, remaining: 50, resetAfter: 1));
        limiter.Reserve(messages);
        limiter.Reserve(messages);

        Assert.True(limiter.Reserve(messages) > TimeSpan.Zero);
        Assert.Equal(TimeSpan.Zero, limiter.Reserve(RateLimitRoute.For(HttpMethod.Post, "interactions/5/tok/callback")));
        Assert.Equal(TimeSpan.Zero, limiter.Reserve(RateLimitRoute.For(HttpMethod.Patch, "webhooks/6/tok/messages/@original")));
        Assert.Equal(TimeSpan.Zero, limiter.Reserve(RateLimitRoute.For(HttpMethod.Post, "webhooks/6/tok")));
    }

    [Fact]
    public void A_request_held_by_its_bucket_gives_its_global_slot_back()
    {
        var limiter = new DiscordRateLimiter(time, globalPerSecond: 2);
        limiter.Update(messages, Headers("abc", limit: 5, remaining: 0, resetAfter: 3));
        var other = RateLimitRoute.For(HttpMethod.Post, "channels/2/messages");
        limiter.Update(other, Headers("abc", limit: 5, remaining: 5, resetAfter: 1));

        Assert.Equal(TimeSpan.FromSeconds(3), limiter.Reserve(messages));
        Assert.Equal(TimeSpan.FromSeconds(3), limiter.Reserve(messages));
        Assert.Equal(TimeSpan.Zero, limiter.Reserve(other));
        Assert.Equal(TimeSpan.Zero, limiter.Reserve(other));
        Assert.True(limiter.Reserve(other) > TimeSpan.Zero);
    }

    [Fact]
    public void An_answer_arriving_late_from_the_same_window_never_gives_back_slots_already_taken()
    {
        // Five per window; the first answer says 4 left and the four slots are taken at once. The answer to the
        // second request comes back 5 ms later: its reset, measured from its own arrival, lies a few ms past the
        // first one's, but it is the same window on the server, which has now seen five requests.
        var limiter = new DiscordRateLimiter(time);
        limiter.Update(messages, Headers("abc", limit: 5, remaining: 4, resetAfter: 2));
        for (var i = 0; i < 4; i++)
        {
            Assert.Equal(TimeSpan.Zero, limiter.Reserve(messages));
        }

        time.Advance(TimeSpan.FromMilliseconds(5));
        limiter.Update(messages, Headers("abc", limit: 5, remaining: 3, resetAfter: 1.998));

        Assert.True(limiter.Reserve(messages) > TimeSpan.Zero);
    }

    [Fact]
    public void A_window_that_passed_is_refilled_once_not_every_limit_reservations_before_an_answer_comes()
    {
        var limiter = new DiscordRateLimiter(time);
        limiter.Update(messages, Headers("abc", limit: 2, remaining: 1, resetAfter: 1));
        Assert.Equal(TimeSpan.Zero, limiter.Reserve(messages));
        time.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal(TimeSpan.Zero, limiter.Reserve(messages));
        Assert.Equal(TimeSpan.Zero, limiter.Reserve(messages));
        var wait = limiter.Reserve(messages);

        // The new window is taken to be as long as the one learned (1 s) from its refill.
        Assert.Equal(TimeSpan.FromSeconds(1), wait);
    }

    [Fact]
    public void After_a_429_on_an_unknown_bucket_the_waiters_go_one_at_a_time_until_an_answer_teaches_the_bucket()
    {
        var limiter = new DiscordRateLimiter(time);
        limiter.TooManyRequests(messages, new RateLimitHeaders(null, null, null, null, null, false), TimeSpan.FromSeconds(2), global: false);
        time.Advance(TimeSpan.FromSeconds(2));

        Assert.Equal(TimeSpan.Zero, limiter.Reserve(messages));
        Assert.True(limiter.Reserve(messages) > TimeSpan.Zero);
    }
}
