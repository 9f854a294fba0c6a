using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using StudyBot.Discord.Gateway;
using StudyBot.Discord.Tests.Support;

namespace StudyBot.Discord.Tests.Loopback;

/// <summary>Hostile or broken gateway behaviour: endless invalid sessions, a silent server, slow handlers, floods.</summary>
[Collection("Loopback")]
public sealed class GatewayRobustnessTests
{
    private static readonly TimeSpan Long = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Server_that_invalidates_every_identify_cannot_burn_the_identify_budget()
    {
        await using var bot = await BotHarness.StartAsync(
            heartbeatIntervalMs: 60_000,
            startHost: false,
            settings: new Dictionary<string, string?> { ["Discord:MaxUnstableSessions"] = "2" });
        bot.Server.InvalidateEveryIdentify = true;
        var lifetime = bot.Host.Services.GetRequiredService<IHostApplicationLifetime>();
        try
        {
            await bot.Host.StartAsync();

            await Eventually.TrueAsync(() => lifetime.ApplicationStopping.IsCancellationRequested, Long, "the client giving up");
            Assert.Contains("2 identifies in a row", bot.Gateway.FatalReason, StringComparison.Ordinal);
            Assert.Equal(1, Environment.ExitCode);
            Assert.Contains(bot.Logs.Lines, line => line.StartsWith("Critical", StringComparison.Ordinal) && line.Contains("identify budget", StringComparison.Ordinal));

            // Give a retry loop every chance to show itself before counting.
            await Task.Delay(TimeSpan.FromSeconds(3));
            Assert.Equal(2, bot.Server.Counters.Identifies);
            Assert.Equal(998, bot.Server.Counters.SessionStartRemaining);
            Assert.False(bot.Gateway.IsReady);

            // Between the two identifies the client paused as Discord asks after op 9 (1–5 s), not at once.
            var pause = Assert.Single(bot.Logs.Lines, line => line.Contains("Reconnecting in", StringComparison.Ordinal));
            var milliseconds = double.Parse(pause.Split("Reconnecting in ")[1].Split(" ms")[0], System.Globalization.CultureInfo.InvariantCulture);
            Assert.InRange(milliseconds, 1000, 5000);
        }
        finally
        {
            Environment.ExitCode = 0;
        }
    }

    [Fact]
    public async Task Missing_hello_times_out_and_the_client_reconnects()
    {
        await using var bot = await BotHarness.StartAsync(
            startHost: false,
            settings: new Dictionary<string, string?> { ["Discord:HelloTimeout"] = "00:00:01" });
        bot.Server.WithholdHello = true;
        await bot.Host.StartAsync();

        await Eventually.TrueAsync(() => bot.Server.Counters.GatewayConnections >= 2, Long, "a reconnect after the missing Hello");
        Assert.Contains(bot.Logs.Lines, line => line.Contains("No Hello from the gateway within 1 s", StringComparison.Ordinal));
        Assert.False(bot.Gateway.IsReady);

        bot.Server.WithholdHello = false;

        await bot.WaitReadyAsync();
        Assert.Equal(1, bot.Server.Counters.Identifies);
        Assert.Equal(4, (await (await bot.SlashAsync("ping")).WaitForCallbackAsync(Long)).Type);
    }

    [Fact]
    public async Task Burst_of_slow_handlers_never_blocks_heartbeats_and_every_interaction_is_acknowledged_in_time()
    {
        await using var bot = await BotHarness.StartAsync(
            heartbeatIntervalMs: 700,
            settings: new Dictionary<string, string?> { ["Discord:DispatchConcurrency"] = "2" });
        await bot.WaitReadyAsync();
        var acksBefore = bot.Server.Counters.HeartbeatAcksSent;

        var handles = new List<StudyBot.FakeDiscord.FakeInteractionHandle>();
        for (var i = 0; i < 10; i++)
        {
            handles.Add(await bot.SlashAsync("slow"));
        }

        foreach (var handle in handles)
        {
            var callback = await handle.WaitForCallbackAsync(Long);
            Assert.Equal(5, callback.Type);
            Assert.True(callback.Latency < TimeSpan.FromSeconds(3), $"interaction {handle.Id} deferred after {callback.Latency}");
        }

        foreach (var handle in handles)
        {
            Assert.Equal("finally done", (await handle.WaitForOriginalResponseAsync(m => !m.IsLoading, Long)).Content);
        }

        // Two workers took the interactions off the queue and each was deferred in time; the handlers (4 s each) then ran
        // side by side (MaxConcurrentHandlers is 32 by default) while heartbeats every 0.7 s kept being acknowledged.
        var counters = bot.Server.Counters;
        Assert.True(counters.HeartbeatAcksSent - acksBefore >= 4, $"only {counters.HeartbeatAcksSent - acksBefore} heartbeats acknowledged during the burst");
        Assert.Equal(1, counters.GatewayConnections);
        Assert.Equal(1, counters.Identifies);
        Assert.Equal(0, counters.Resumes);
        Assert.True(bot.Gateway.IsReady);
        Assert.DoesNotContain(bot.Logs.Lines, line => line.Contains("zombie", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Handlers_beyond_MaxConcurrentHandlers_wait_for_a_slot_but_are_still_deferred_within_three_seconds()
    {
        await using var bot = await BotHarness.StartAsync(settings: new Dictionary<string, string?> { ["Discord:MaxConcurrentHandlers"] = "2" });
        bot.Handler.SlowDelay = TimeSpan.FromSeconds(2.5);
        await bot.WaitReadyAsync();

        var handles = new List<StudyBot.FakeDiscord.FakeInteractionHandle>();
        for (var i = 0; i < 6; i++)
        {
            handles.Add(await bot.SlashAsync("slow"));
        }

        // The last pair only gets a slot after two others finished (5 s): it was deferred while waiting.
        foreach (var handle in handles)
        {
            var callback = await handle.WaitForCallbackAsync(Long);
            Assert.Equal(5, callback.Type);
            Assert.True(callback.Latency < TimeSpan.FromSeconds(3), $"interaction {handle.Id} deferred after {callback.Latency}");
        }

        foreach (var handle in handles)
        {
            Assert.Equal("finally done", (await handle.WaitForOriginalResponseAsync(m => !m.IsLoading, Long)).Content);
        }

        Assert.Equal(2, bot.Handler.PeakSlowRunning);
    }

    [Fact]
    public async Task Full_dispatch_queue_pauses_receiving_without_a_false_zombie_reconnect()
    {
        var gate = new BlockingDispatchHandler();
        await using var bot = await BotHarness.StartAsync(
            heartbeatIntervalMs: 500,
            settings: new Dictionary<string, string?> { ["Discord:DispatchConcurrency"] = "1", ["Discord:DispatchQueueCapacity"] = "1" },
            configure: services => services.AddSingleton<IGatewayDispatchHandler>(gate));
        await bot.WaitReadyAsync();

        // The one worker blocks on the first interaction, the second fills the queue, the third stalls the receive loop.
        for (var i = 0; i < 4; i++)
        {
            await bot.SlashAsync("ping");
        }

        await Eventually.TrueAsync(() => bot.Logs.Lines.Any(line => line.Contains("Dispatch queue full (1)", StringComparison.Ordinal)), Long, "the receive loop waiting on the full queue");
        var beatsAtStall = bot.Server.Counters.HeartbeatsReceived;

        // Nothing is read while stalled, ACKs included; heartbeats must keep going and no zombie may be declared.
        await Eventually.TrueAsync(() => bot.Server.Counters.HeartbeatsReceived >= beatsAtStall + 4, Long, "heartbeats while the receive loop is stalled");
        gate.Release.SetResult();

        var after = await bot.SlashAsync("ping");
        Assert.Equal(4, (await after.WaitForCallbackAsync(Long)).Type);
        var counters = bot.Server.Counters;
        Assert.Equal(1, counters.GatewayConnections);
        Assert.Equal(0, counters.Resumes);
        Assert.True(bot.Gateway.IsReady);
        Assert.DoesNotContain(bot.Logs.Lines, line => line.Contains("zombie", StringComparison.Ordinal));
    }

    /// <summary>A slow app-side gateway handler: holds its dispatch worker until released.</summary>
    private sealed class BlockingDispatchHandler : IGatewayDispatchHandler
    {
        public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public string EventType => "INTERACTION_CREATE";

        public async ValueTask HandleAsync(GatewayDispatch dispatch, CancellationToken cancellationToken) =>
            await Release.Task.WaitAsync(cancellationToken);
    }
}
