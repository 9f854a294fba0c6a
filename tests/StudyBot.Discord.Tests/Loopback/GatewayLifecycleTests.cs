using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using StudyBot.Discord.Tests.Support;

namespace StudyBot.Discord.Tests.Loopback;

/// <summary>The gateway client against FakeDiscord over real loopback sockets.</summary>
[Collection("Loopback")]
public sealed class GatewayLifecycleTests
{
    private static readonly TimeSpan Long = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Connects_identifies_once_and_becomes_ready()
    {
        await using var bot = await BotHarness.StartAsync();

        await bot.WaitReadyAsync();

        Assert.Equal(1, bot.Server.Counters.Identifies);
        Assert.Contains(bot.Gateway.SessionId, bot.Server.GatewaySessionIds);
        var callback = await (await bot.SlashAsync("ping")).WaitForCallbackAsync(Long);
        Assert.Equal(4, callback.Type);
        Assert.Equal("pong", callback.Data!["content"]!.GetValue<string>());
    }

    [Fact]
    public async Task Dropped_socket_resumes_without_a_second_identify_and_replays_the_missed_interaction()
    {
        await using var bot = await BotHarness.StartAsync();
        await bot.WaitReadyAsync();
        var session = bot.Gateway.SessionId;

        bot.Server.DropGatewayConnections();
        var missed = await bot.SlashAsync("ping");

        // Answered directly, or, when the reconnect took most of Discord's 3 s (the interaction counts from its
        // creation), deferred at once and then answered by editing the original response.
        var callback = await missed.WaitForCallbackAsync(Long);
        Assert.Contains(callback.Type, new[] { 4, 5 });
        if (callback.Type == 5)
        {
            await missed.WaitForOriginalResponseAsync(m => m.Content == "pong", Long);
        }
        else
        {
            Assert.Equal("pong", callback.Data!["content"]!.GetValue<string>());
        }

        await Eventually.TrueAsync(() => bot.Server.Counters.Resumes >= 1, Long, "a resume");
        Assert.Equal(1, bot.Server.Counters.Identifies);
        Assert.Equal(session, bot.Gateway.SessionId);
    }

    [Fact]
    public async Task When_the_resume_url_cannot_be_reached_the_session_is_given_up_and_the_bot_identifies_on_the_main_gateway()
    {
        // READY names a resume host nothing answers on (port 1 refuses at once).
        await using var server = await StudyBot.FakeDiscord.FakeDiscordServer.StartAsync(new StudyBot.FakeDiscord.FakeDiscordOptions
        {
            BotToken = BotHarness.Token,
            HeartbeatIntervalMs = 1500,
            ResumeGatewayUrl = "ws://127.0.0.1:1/",
        });
        await using var bot = await BotHarness.StartAsync(server: server);
        await bot.WaitReadyAsync();
        var first = bot.Gateway.SessionId;

        bot.Server.DropGatewayConnections();

        await Eventually.TrueAsync(() => bot.Server.Counters.Identifies == 2 && bot.Gateway.IsReady, TimeSpan.FromSeconds(60), "a new identify");
        Assert.NotEqual(first, bot.Gateway.SessionId);
        Assert.Equal(0, bot.Server.Counters.Resumes);
        Assert.Contains(bot.Logs.Lines, line => line.Contains("giving the session up", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Reconnect_request_op7_leads_to_a_resume()
    {
        await using var bot = await BotHarness.StartAsync();
        await bot.WaitReadyAsync();

        bot.Server.SendReconnect();

        await Eventually.TrueAsync(() => bot.Server.Counters.Resumes >= 1 && bot.Gateway.IsReady, Long, "resume after op 7");
        Assert.Equal(1, bot.Server.Counters.Identifies);
        Assert.Equal(4, (await (await bot.SlashAsync("ping")).WaitForCallbackAsync(Long)).Type);
    }

    [Fact]
    public async Task Resumable_invalid_session_op9_true_resumes()
    {
        await using var bot = await BotHarness.StartAsync();
        await bot.WaitReadyAsync();

        bot.Server.SendInvalidSession(resumable: true);

        await Eventually.TrueAsync(() => bot.Server.Counters.Resumes >= 1 && bot.Gateway.IsReady, Long, "resume after op 9 true");
        Assert.Equal(1, bot.Server.Counters.Identifies);
    }

    [Fact]
    public async Task Invalid_session_op9_false_identifies_anew_after_a_pause()
    {
        await using var bot = await BotHarness.StartAsync();
        await bot.WaitReadyAsync();
        var firstSession = bot.Gateway.SessionId;

        bot.Server.SendInvalidSession(resumable: false);

        await Eventually.TrueAsync(() => bot.Server.Counters.Identifies == 2 && bot.Gateway.IsReady, Long, "a new identify after op 9 false");
        Assert.NotEqual(firstSession, bot.Gateway.SessionId);
        Assert.Equal(0, bot.Server.Counters.Resumes);
        Assert.Equal(4, (await (await bot.SlashAsync("ping")).WaitForCallbackAsync(Long)).Type);
    }

    [Fact]
    public async Task Zombie_connection_without_acks_is_closed_and_resumed()
    {
        await using var bot = await BotHarness.StartAsync(heartbeatIntervalMs: 1000);
        await bot.WaitReadyAsync();

        bot.Server.AckHeartbeats = false;
        await Eventually.TrueAsync(() => bot.Server.Counters.GatewayConnections >= 2, Long, "a reconnect after missing ACKs");
        bot.Server.AckHeartbeats = true;

        await Eventually.TrueAsync(() => bot.Server.Counters.Resumes >= 1 && bot.Gateway.IsReady, Long, "resume after the zombie");
        Assert.Equal(1, bot.Server.Counters.Identifies);
        Assert.Contains(bot.Logs.Lines, line => line.Contains("zombie", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Server_heartbeat_request_op1_is_answered_at_once()
    {
        await using var bot = await BotHarness.StartAsync(heartbeatIntervalMs: 60_000);
        await bot.WaitReadyAsync();
        var before = bot.Server.Counters.HeartbeatsReceived;

        bot.Server.RequestHeartbeat();

        await Eventually.TrueAsync(() => bot.Server.Counters.HeartbeatsReceived > before, Long, "a heartbeat answering op 1");
    }

    [Fact]
    public async Task Fatal_close_4004_stops_without_retrying_and_signals_a_failing_exit()
    {
        await using var bot = await BotHarness.StartAsync();
        await bot.WaitReadyAsync();
        var lifetime = bot.Host.Services.GetRequiredService<IHostApplicationLifetime>();
        try
        {
            bot.Server.CloseGatewayConnections(4004, "Authentication failed.");

            await Eventually.TrueAsync(() => lifetime.ApplicationStopping.IsCancellationRequested, Long, "the host being asked to stop");
            Assert.Contains("4004", bot.Gateway.FatalReason, StringComparison.Ordinal);
            Assert.Equal(1, Environment.ExitCode);

            // Give a retry loop every chance to show itself before counting.
            await Task.Delay(TimeSpan.FromSeconds(3));
            Assert.Equal(1, bot.Server.Counters.Identifies);
            Assert.Equal(1, bot.Server.Counters.GatewayConnections);
            Assert.Contains(bot.Logs.Lines, line => line.StartsWith("Critical", StringComparison.Ordinal) && line.Contains("authentication failed", StringComparison.Ordinal));
        }
        finally
        {
            Environment.ExitCode = 0;
        }
    }

    [Fact]
    public async Task Session_invalidating_close_4009_identifies_anew()
    {
        await using var bot = await BotHarness.StartAsync();
        await bot.WaitReadyAsync();

        bot.Server.CloseGatewayConnections(4009, "Session timed out.");

        await Eventually.TrueAsync(() => bot.Server.Counters.Identifies == 2 && bot.Gateway.IsReady, Long, "a fresh identify after 4009");
    }

    [Fact]
    public async Task Resumable_close_4000_resumes()
    {
        await using var bot = await BotHarness.StartAsync();
        await bot.WaitReadyAsync();

        bot.Server.CloseGatewayConnections(4000, "Unknown error.");

        await Eventually.TrueAsync(() => bot.Server.Counters.Resumes >= 1 && bot.Gateway.IsReady, Long, "resume after 4000");
        Assert.Equal(1, bot.Server.Counters.Identifies);
    }

    [Fact]
    public async Task Stopping_the_host_closes_the_gateway_with_1000_in_bounded_time_even_with_a_handler_in_flight()
    {
        // The handler never finishes: stopping waits for it only the (here short) drain time, then gives up on it.
        await using var bot = await BotHarness.StartAsync(settings: new Dictionary<string, string?> { ["Discord:ShutdownDrainTimeout"] = "00:00:01" });
        await bot.WaitReadyAsync();
        var inFlight = await bot.SlashAsync("later");
        Assert.Equal(5, (await inFlight.WaitForCallbackAsync(Long)).Type);

        var watch = System.Diagnostics.Stopwatch.StartNew();
        using (var stop = new CancellationTokenSource(Long))
        {
            await bot.Host.StopAsync(stop.Token);
        }

        watch.Stop();
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"shutdown took {watch.Elapsed}");
        var closed = await bot.Server.WaitForEventAsync(e => e.Kind == StudyBot.FakeDiscord.Model.FakeEventKinds.GatewayDisconnected, Long);
        Assert.Equal(1000, closed.Payload!["close_code"]!.GetValue<int>());
        Assert.Empty(bot.Server.GatewaySessionIds);
        Assert.Equal(0, bot.Server.ConnectedGatewayClients);
    }
}
