using System.Net.WebSockets;
using System.Text.Json.Nodes;
using StudyBot.FakeDiscord.Model;

namespace StudyBot.Discord.Tests.Fake;

public sealed class FakeGateway
{
    [Fact]
    public async Task Identify_yields_ready_then_guild_create_with_increasing_sequence()
    {
        await using var world = await FakeWorldBuilder.StartAsync();
        await using var client = await RawGatewayClient.ConnectAsync(world.Server.GatewayUrl);

        var hello = await client.ReceiveAsync();
        Assert.Equal(10, (int)hello["op"]!);
        Assert.Equal(45_000, (int)hello["d"]!["heartbeat_interval"]!);

        await client.SendAsync(RawGatewayClient.IdentifyFrame(FakeWorldBuilder.Token, intents: 1));
        var ready = await client.ReceiveAsync();
        Assert.Equal("READY", (string?)ready["t"]);
        Assert.Equal(1, (int)ready["s"]!);
        var d = ready["d"]!;
        Assert.Equal(10, (int)d["v"]!);
        Assert.False(string.IsNullOrEmpty((string?)d["session_id"]));
        Assert.Equal(world.Server.GatewayUrl, (string?)d["resume_gateway_url"]);
        Assert.Equal(world.AppId.ToString(), (string?)d["application"]!["id"]);
        Assert.Equal(world.AppId.ToString(), (string?)d["user"]!["id"]);
        Assert.True((bool)d["guilds"]![0]!["unavailable"]!);

        var guildCreate = await client.ReceiveAsync();
        Assert.Equal("GUILD_CREATE", (string?)guildCreate["t"]);
        Assert.Equal(2, (int)guildCreate["s"]!);
        Assert.Equal(world.Guild.Id.ToString(), (string?)guildCreate["d"]!["id"]);
        Assert.Contains(guildCreate["d"]!["channels"]!.AsArray(), c => (string?)c!["name"] == "reading-group");
        Assert.Equal(1, world.Server.Counters.Identifies);
    }

    [Fact]
    public async Task Heartbeats_are_acknowledged_unless_acks_are_stopped()
    {
        await using var world = await FakeWorldBuilder.StartAsync();
        var (client, _) = await RawGatewayClient.IdentifyAsync(world.Server.GatewayUrl, FakeWorldBuilder.Token, intents: 0);
        await using var _c = client;

        await client.SendAsync(new JsonObject { ["op"] = 1, ["d"] = 1 });
        var ack = await client.ReceiveAsync();
        Assert.Equal(11, (int)ack["op"]!);

        world.Server.AckHeartbeats = false;
        await client.SendAsync(new JsonObject { ["op"] = 1, ["d"] = 1 });
        await Until.TrueAsync(() => world.Server.Counters.HeartbeatsReceived == 2, "second heartbeat counted");
        Assert.Equal(2, world.Server.Counters.HeartbeatsReceived);
        Assert.Equal(1, world.Server.Counters.HeartbeatAcksSent);

        // A server heartbeat request (op 1) comes through, and nothing was queued for the unacknowledged beat.
        world.Server.RequestHeartbeat();
        var request = await client.ReceiveAsync();
        Assert.Equal(1, (int)request["op"]!);
    }

    [Fact]
    public async Task Identify_with_a_wrong_token_is_closed_with_4004()
    {
        await using var world = await FakeWorldBuilder.StartAsync();
        await using var client = await RawGatewayClient.ConnectAsync(world.Server.GatewayUrl);
        await client.ReceiveAsync();
        await client.SendAsync(RawGatewayClient.IdentifyFrame("not-the-token", 1));
        Assert.Equal(4004, await client.ReceiveCloseAsync());
        Assert.Equal(0, world.Server.Counters.Identifies);
    }

    [Fact]
    public async Task Privileged_intents_that_are_not_enabled_close_with_4014()
    {
        await using var world = await FakeWorldBuilder.StartAsync();
        await using var client = await RawGatewayClient.ConnectAsync(world.Server.GatewayUrl);
        await client.ReceiveAsync();
        await client.SendAsync(RawGatewayClient.IdentifyFrame(FakeWorldBuilder.Token, 1 | (1 << 15)));
        Assert.Equal(4014, await client.ReceiveCloseAsync());
    }

    [Fact]
    public async Task A_second_identify_on_one_connection_closes_with_4005_and_garbage_with_4002()
    {
        await using var world = await FakeWorldBuilder.StartAsync();
        var (client, _) = await RawGatewayClient.IdentifyAsync(world.Server.GatewayUrl, FakeWorldBuilder.Token, 0);
        await using var _c = client;
        await client.SendAsync(RawGatewayClient.IdentifyFrame(FakeWorldBuilder.Token, 0));
        Assert.Equal(4005, await client.ReceiveCloseAsync());

        await using var other = await RawGatewayClient.ConnectAsync(world.Server.GatewayUrl);
        await other.ReceiveAsync();
        await other.SendAsync(new JsonObject { ["op"] = 2, ["d"] = "not an object" });
        Assert.Equal(4002, await other.ReceiveCloseAsync());
    }

    [Fact]
    public async Task Resume_after_a_dropped_socket_replays_missed_dispatches_then_resumed()
    {
        await using var world = await FakeWorldBuilder.StartAsync();
        await world.RegisterDemoCommandsAsync();
        var (first, ready) = await RawGatewayClient.IdentifyAsync(world.Server.GatewayUrl, FakeWorldBuilder.Token, 1);
        var sessionId = (string)ready["d"]!["session_id"]!;
        var guildCreate = await first.ReceiveAsync();
        var lastSeq = (long)guildCreate["s"]!;

        world.Server.DropGatewayConnections();
        Assert.True(await first.WasDroppedAsync());
        await first.DisposeAsync();
        await world.Server.WaitForEventAsync(e => e.Kind == FakeEventKinds.GatewayDisconnected, RawGatewayClient.Patience);

        // Dispatched while nobody is connected: must be buffered for the session.
        var handle = await world.Server.SendSlashCommandAsync(world.Guild.Id, world.Channel.Id, world.Member.Id, "queue list");

        await using var second = await RawGatewayClient.ConnectAsync(world.Server.GatewayUrl);
        await second.ReceiveAsync();
        await second.SendAsync(new JsonObject
        {
            ["op"] = 6,
            ["d"] = new JsonObject { ["token"] = FakeWorldBuilder.Token, ["session_id"] = sessionId, ["seq"] = lastSeq },
        });
        var replayed = await second.ReceiveAsync();
        Assert.Equal("INTERACTION_CREATE", (string?)replayed["t"]);
        Assert.Equal(lastSeq + 1, (long)replayed["s"]!);
        Assert.Equal(handle.Id.ToString(), (string?)replayed["d"]!["id"]);
        var resumed = await second.ReceiveAsync();
        Assert.Equal("RESUMED", (string?)resumed["t"]);
        Assert.Equal(lastSeq + 2, (long)resumed["s"]!);
        Assert.Equal(1, world.Server.Counters.Identifies);
        Assert.Equal(1, world.Server.Counters.Resumes);
    }

    [Fact]
    public async Task A_client_that_stops_heartbeating_is_closed_with_4009_and_its_session_cannot_be_resumed()
    {
        await using var world = await FakeWorldBuilder.StartAsync(configure: o => o with { HeartbeatIntervalMs = 200 });
        var (beating, _) = await RawGatewayClient.IdentifyAsync(world.Server.GatewayUrl, FakeWorldBuilder.Token, intents: 0);
        await using var _b = beating;
        var (silent, silentReady) = await RawGatewayClient.IdentifyAsync(world.Server.GatewayUrl, FakeWorldBuilder.Token, intents: 0);
        await using var _s = silent;
        var silentSession = (string)silentReady["d"]!["session_id"]!;

        using var stopBeating = new CancellationTokenSource();
        var sent = 0;
        var beats = Task.Run(async () =>
        {
            while (!stopBeating.IsCancellationRequested)
            {
                await beating.SendAsync(new JsonObject { ["op"] = 1, ["d"] = 1 });
                sent++;
                await Task.Delay(150);
            }
        });

        // The silent client is cut off after 1.5 intervals + 5 s of slack, with the code Discord documents for it.
        Assert.Equal(4009, await silent.ReceiveCloseAsync());
        Assert.Equal(1, world.Server.Counters.HeartbeatTimeouts);

        // The client that kept heartbeating through the same stretch is still connected and acknowledged.
        await stopBeating.CancelAsync();
        await beats;
        await beating.SendAsync(new JsonObject { ["op"] = 1, ["d"] = 1 });
        sent++;
        var acks = 0;
        await beating.ReceiveUntilAsync(f => (int)f["op"]! == 11 && ++acks == sent);

        // 4009 means "start a new session": a Resume of the timed-out one is refused.
        await using var again = await RawGatewayClient.ConnectAsync(world.Server.GatewayUrl);
        await again.ReceiveAsync();
        await again.SendAsync(new JsonObject
        {
            ["op"] = 6,
            ["d"] = new JsonObject { ["token"] = FakeWorldBuilder.Token, ["session_id"] = silentSession, ["seq"] = 1 },
        });
        var invalid = await again.ReceiveAsync();
        Assert.Equal(9, (int)invalid["op"]!);
        Assert.False((bool)invalid["d"]!);
    }

    [Fact]
    public async Task Resume_of_an_unknown_or_normally_closed_session_gets_invalid_session_false()
    {
        await using var world = await FakeWorldBuilder.StartAsync();
        var (first, ready) = await RawGatewayClient.IdentifyAsync(world.Server.GatewayUrl, FakeWorldBuilder.Token, 0);
        var sessionId = (string)ready["d"]!["session_id"]!;
        await first.CloseAsync(WebSocketCloseStatus.NormalClosure); // 1000 ends the session on Discord
        await first.ReceiveCloseAsync();
        await first.DisposeAsync();
        await world.Server.WaitForEventAsync(e => e.Kind == FakeEventKinds.GatewayDisconnected, RawGatewayClient.Patience);

        await using var second = await RawGatewayClient.ConnectAsync(world.Server.GatewayUrl);
        await second.ReceiveAsync();
        await second.SendAsync(new JsonObject
        {
            ["op"] = 6,
            ["d"] = new JsonObject { ["token"] = FakeWorldBuilder.Token, ["session_id"] = sessionId, ["seq"] = 1 },
        });
        var invalid = await second.ReceiveAsync();
        Assert.Equal(9, (int)invalid["op"]!);
        Assert.False((bool)invalid["d"]!);

        // The same connection may identify afresh after op 9.
        await second.SendAsync(RawGatewayClient.IdentifyFrame(FakeWorldBuilder.Token, 0));
        Assert.Equal("READY", (string?)(await second.ReceiveAsync())["t"]);
    }

    [Fact]
    public async Task Sessions_expire_when_not_resumed_within_the_window()
    {
        var clock = new ManualClock();
        await using var world = await FakeWorldBuilder.StartAsync(clock, o => o with { SessionResumeWindow = TimeSpan.FromMinutes(2) });
        var (first, ready) = await RawGatewayClient.IdentifyAsync(world.Server.GatewayUrl, FakeWorldBuilder.Token, 0);
        var sessionId = (string)ready["d"]!["session_id"]!;
        world.Server.DropGatewayConnections();
        Assert.True(await first.WasDroppedAsync());
        await first.DisposeAsync();
        await world.Server.WaitForEventAsync(e => e.Kind == FakeEventKinds.GatewayDisconnected, RawGatewayClient.Patience);
        clock.Advance(TimeSpan.FromMinutes(3));

        await using var second = await RawGatewayClient.ConnectAsync(world.Server.GatewayUrl);
        await second.ReceiveAsync();
        await second.SendAsync(new JsonObject
        {
            ["op"] = 6,
            ["d"] = new JsonObject { ["token"] = FakeWorldBuilder.Token, ["session_id"] = sessionId, ["seq"] = 1 },
        });
        var invalid = await second.ReceiveAsync();
        Assert.Equal(9, (int)invalid["op"]!);
    }

    [Fact]
    public async Task Scripted_reconnect_invalid_session_and_close_reach_the_client()
    {
        await using var world = await FakeWorldBuilder.StartAsync();
        var (client, _) = await RawGatewayClient.IdentifyAsync(world.Server.GatewayUrl, FakeWorldBuilder.Token, 0);
        await using var _c = client;

        world.Server.SendReconnect();
        Assert.Equal(7, (int)(await client.ReceiveAsync())["op"]!);

        world.Server.SendInvalidSession(resumable: true);
        var nine = await client.ReceiveAsync();
        Assert.Equal(9, (int)nine["op"]!);
        Assert.True((bool)nine["d"]!);

        world.Server.CloseGatewayConnections(4009, "Session timed out.");
        Assert.Equal(4009, await client.ReceiveCloseAsync());
        await world.Server.WaitForEventAsync(e => e.Kind == FakeEventKinds.GatewayDisconnected, RawGatewayClient.Patience);
        Assert.Empty(world.Server.GatewaySessionIds); // 4009 ends the session
    }

    [Fact]
    public async Task Gateway_bot_returns_the_fake_url_and_counts_down_session_starts()
    {
        await using var world = await FakeWorldBuilder.StartAsync();
        var (_, before, _) = await world.SendAsync(HttpMethod.Get, "gateway/bot");
        Assert.Equal(world.Server.GatewayUrl, (string?)before!["url"]);
        Assert.Equal(1, (int)before["session_start_limit"]!["max_concurrency"]!);
        var remaining = (int)before["session_start_limit"]!["remaining"]!;

        var (client, _) = await RawGatewayClient.IdentifyAsync(world.Server.GatewayUrl, FakeWorldBuilder.Token, 0);
        await client.DisposeAsync();

        var (_, after, _) = await world.SendAsync(HttpMethod.Get, "gateway/bot");
        Assert.Equal(remaining - 1, (int)after!["session_start_limit"]!["remaining"]!);
    }

    [Fact]
    public async Task Invalidate_every_identify_spends_the_identify_and_answers_op9_false_instead_of_ready()
    {
        await using var world = await FakeWorldBuilder.StartAsync();
        world.Server.InvalidateEveryIdentify = true;
        await using var client = await RawGatewayClient.ConnectAsync(world.Server.GatewayUrl);
        Assert.Equal(10, (int)(await client.ReceiveAsync())["op"]!);

        await client.SendAsync(RawGatewayClient.IdentifyFrame(FakeWorldBuilder.Token, 1));

        var invalid = await client.ReceiveAsync();
        Assert.Equal(9, (int)invalid["op"]!);
        Assert.False((bool)invalid["d"]!);
        Assert.Equal(1, world.Server.Counters.Identifies);
        Assert.Equal(world.Server.Options.SessionStartLimitTotal - 1, world.Server.Counters.SessionStartRemaining);
        Assert.Empty(world.Server.GatewaySessionIds);

        world.Server.InvalidateEveryIdentify = false;
        var (second, ready) = await RawGatewayClient.IdentifyAsync(world.Server.GatewayUrl, FakeWorldBuilder.Token, 1);
        await using var _s = second;
        Assert.Equal("READY", (string?)ready["t"]);
    }

    [Fact]
    public async Task Withheld_hello_leaves_the_socket_open_and_silent_until_turned_off()
    {
        await using var world = await FakeWorldBuilder.StartAsync();
        world.Server.WithholdHello = true;
        await using var silent = await RawGatewayClient.ConnectAsync(world.Server.GatewayUrl);

        // A heartbeat is answered (the socket works), but no Hello ever came before it.
        await silent.SendAsync(new JsonObject { ["op"] = 1, ["d"] = null });
        Assert.Equal(11, (int)(await silent.ReceiveAsync())["op"]!);

        world.Server.WithholdHello = false;
        await using var normal = await RawGatewayClient.ConnectAsync(world.Server.GatewayUrl);
        Assert.Equal(10, (int)(await normal.ReceiveAsync())["op"]!);
    }
}
