using StudyBot.FakeDiscord;
using StudyBot.Playground;

namespace StudyBot.EndToEnd.Tests.Bot;

/// <summary>The bot's gateway connection under the faults the fake can script: drops, op 7, op 9, zombies, fatal closes.</summary>
[Collection(BotCollection.Name)]
public sealed class GatewayResilienceTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Dropped_socket_is_resumed_without_a_second_identify_and_the_interaction_sent_meanwhile_is_answered()
    {
        // The test is about the replay, not Discord's 3 s: the reconnect's random pause plus a slow machine may take
        // most of that, and a late callback would be refused.
        await using var host = await BotTestHost.StartAsync(new FakeDiscordOptions { CallbackDeadline = TimeSpan.FromSeconds(30) });
        Assert.Equal(1, host.Fake.Counters.Identifies);

        host.Fake.DropGatewayConnections();
        var answer = await host.AskAsync(PlaygroundSeed.AdaId, "paper info", new Dictionary<string, object?> { ["paper"] = "resnet" });

        Assert.Equal("Deep Residual Learning for Image Recognition", answer.EmbedTitle);
        Assert.Equal(1, host.Fake.Counters.Identifies);
        Assert.True(host.Fake.Counters.Resumes >= 1);
        Assert.Equal(2, host.Fake.Counters.GatewayConnections);
    }

    [Fact]
    public async Task Op_7_reconnect_resumes_the_same_session()
    {
        await using var host = await BotTestHost.StartAsync();
        var session = Assert.Single(host.Fake.GatewaySessionIds);

        host.Fake.SendReconnect();
        await WaitUntilAsync(() => host.Fake.Counters.Resumes >= 1 && host.Fake.ConnectedGatewayClients == 1);

        await AssertStillAnswersAsync(host);
        Assert.Equal(1, host.Fake.Counters.Identifies);
        Assert.Equal(session, Assert.Single(host.Fake.GatewaySessionIds));
    }

    [Fact]
    public async Task Op_9_resumable_resumes_and_op_9_not_resumable_identifies_anew()
    {
        await using var host = await BotTestHost.StartAsync();

        host.Fake.SendInvalidSession(resumable: true);
        await WaitUntilAsync(() => host.Fake.Counters.Resumes >= 1 && host.Fake.ConnectedGatewayClients == 1);
        await AssertStillAnswersAsync(host);
        Assert.Equal(1, host.Fake.Counters.Identifies);

        host.Fake.SendInvalidSession(resumable: false);
        await WaitUntilAsync(() => host.Fake.Counters.Identifies == 2 && host.Fake.ConnectedGatewayClients == 1);
        await AssertStillAnswersAsync(host);
        Assert.Equal(2, host.Fake.Counters.Identifies);
    }

    [Fact]
    public async Task Zombie_connection_without_heartbeat_acks_is_replaced_by_a_resume()
    {
        await using var host = await BotTestHost.StartAsync(new FakeDiscordOptions { HeartbeatIntervalMs = 400 });

        host.Fake.AckHeartbeats = false;
        await WaitUntilAsync(() => host.Fake.Counters.GatewayConnections >= 2);
        host.Fake.AckHeartbeats = true;
        await WaitUntilAsync(() => host.Fake.Counters.Resumes >= 1 && host.Fake.ConnectedGatewayClients == 1);

        await AssertStillAnswersAsync(host);
        Assert.Equal(1, host.Fake.Counters.Identifies);
    }

    [Fact]
    public async Task Fatal_close_4004_stops_the_host_without_reconnecting()
    {
        await using var host = await BotTestHost.StartAsync();
        var stopping = Signal(host.Lifetime.ApplicationStopping);
        try
        {
            host.Fake.CloseGatewayConnections(4004, "Authentication failed.");

            await stopping.WaitAsync(Wait);
            Assert.Equal(1, Environment.ExitCode);
            await Task.Delay(TimeSpan.FromSeconds(3));
            Assert.Equal(1, host.Fake.Counters.GatewayConnections);
            Assert.Equal(0, host.Fake.ConnectedGatewayClients);
        }
        finally
        {
            Environment.ExitCode = 0;
        }
    }

    [Fact]
    public async Task Wrong_token_stops_the_host_after_one_refusal_without_identifying_or_retrying()
    {
        var fakeOptions = new FakeDiscordOptions { BotToken = "the-real-token" };
        await using var host = await BotTestHost.StartCustomAsync(configure: null, fakeOptions, token: "a-wrong-token", waitUntilConnected: false);
        var stopping = Signal(host.Lifetime.ApplicationStopping);
        try
        {
            await stopping.WaitAsync(Wait);
            Assert.Equal(1, Environment.ExitCode);
            await Task.Delay(TimeSpan.FromSeconds(3));

            // One refused request for each thing already under way (the gateway URL, the command registration; one
            // of them may land just after the stop began), and none retried.
            var counters = host.Fake.Counters;
            Assert.Equal(0, counters.Identifies);
            Assert.InRange(counters.RestRequests, 1, 3);
            Assert.Equal(counters.RestRequests, counters.InvalidRequests);
            Assert.Empty(host.Fake.GetRegisteredCommands(PlaygroundSeed.GuildId));
        }
        finally
        {
            Environment.ExitCode = 0;
        }
    }

    private static async Task AssertStillAnswersAsync(BotTestHost host)
    {
        var answer = await host.AskAsync(PlaygroundSeed.AdaId, "paper info", new Dictionary<string, object?> { ["paper"] = "adam" });
        Assert.Equal("Adam: A Method for Stochastic Optimization", answer.EmbedTitle);
    }

    private static Task Signal(CancellationToken token)
    {
        var fired = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        token.Register(() => fired.TrySetResult());
        return fired.Task;
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var timeout = new CancellationTokenSource(Wait);
        while (!condition())
        {
            await Task.Delay(50, timeout.Token);
        }
    }
}
