using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using StudyBot.Discord.Tests.Support;

namespace StudyBot.Discord.Tests.Loopback;

/// <summary>
/// Hello and READY from a hostile or broken gateway (a scripted WebSocket server; REST stays on the fake): bad values
/// are a protocol error that ends the connection and reconnects, never an exception that stops the client without a word.
/// </summary>
[Collection("Loopback")]
public sealed class GatewayHandshakeValidationTests
{
    private static readonly TimeSpan Long = TimeSpan.FromSeconds(30);

    [Theory]
    [InlineData("-5")]
    [InlineData("0")]
    [InlineData("null")]
    [InlineData("86400000")]
    public async Task A_hello_with_a_bad_heartbeat_interval_is_a_protocol_error_and_the_client_reconnects(string interval)
    {
        await using var gateway = await ScriptedGateway.StartAsync(async socket =>
        {
            if (socket.Index == 1)
            {
                await socket.HelloAsync(JsonNode.Parse(interval));
                await socket.ExpectAsync(2);
                await socket.CloseAsync(4000);
                return;
            }

            await IdentifyAsync(socket, "good-session");
            await socket.StayAsync();
        });
        await using var bot = await StartAsync(gateway);

        await Eventually.TrueAsync(() => bot.Gateway.SessionId == "good-session", Long, "READY on the second connection");

        Assert.Contains(bot.Logs.Lines, line => line.Contains("Gateway connection failed (InvalidDataException): Hello with heartbeat_interval", StringComparison.Ordinal));
        AssertStillRunning(bot);
    }

    [Fact]
    public async Task A_ready_without_resume_gateway_url_is_resumed_at_the_gateway_url()
    {
        await using var gateway = await ScriptedGateway.StartAsync(async socket =>
        {
            if (socket.Index == 1)
            {
                await socket.HelloAsync(45_000);
                await socket.ExpectAsync(2);
                await socket.DispatchAsync("READY", 1, new JsonObject { ["v"] = 10, ["session_id"] = "first-session" });
                await socket.CloseAsync(4000);
                await socket.StayAsync();
                return;
            }

            await socket.HelloAsync(45_000);
            if (await socket.ExpectAsync(6) is not null)
            {
                await socket.DispatchAsync("RESUMED", 2, []);
            }

            await socket.StayAsync();
        });
        await using var bot = await StartAsync(gateway);

        await Eventually.TrueAsync(() => gateway.Received.Any(r => r.Connection == 2 && r.Frame["op"]!.GetValue<int>() == 6), Long, "a Resume on the second connection");

        var resume = gateway.Received.First(r => r.Connection == 2 && r.Frame["op"]!.GetValue<int>() == 6).Frame;
        Assert.Equal("first-session", resume["d"]!["session_id"]!.GetValue<string>());
        Assert.Equal(1, resume["d"]!["seq"]!.GetValue<long>());
        await Eventually.TrueAsync(() => bot.Gateway.IsReady, Long, "RESUMED");
        Assert.DoesNotContain(bot.Logs.Lines, line => line.Contains("Gateway connection failed", StringComparison.Ordinal));
        AssertStillRunning(bot);
    }

    [Theory]
    [InlineData("""{"v": 10, "session_id": "s1", "resume_gateway_url": "https://resume.example/"}""", "resume_gateway_url")]
    [InlineData("""{"v": 10, "session_id": "s1", "resume_gateway_url": "not a url"}""", "resume_gateway_url")]
    [InlineData("""{"v": 10, "resume_gateway_url": "wss://resume.example/"}""", "session_id")]
    [InlineData("""{"v": 10, "session_id": "", "resume_gateway_url": "wss://resume.example/"}""", "session_id")]
    public async Task A_ready_with_an_unusable_session_id_or_resume_url_is_a_protocol_error_and_the_client_identifies_again(string ready, string named)
    {
        await using var gateway = await ScriptedGateway.StartAsync(async socket =>
        {
            if (socket.Index == 1)
            {
                await socket.HelloAsync(45_000);
                await socket.ExpectAsync(2);
                await socket.DispatchAsync("READY", 1, JsonNode.Parse(ready)!.AsObject());
                await socket.StayAsync();
                return;
            }

            await IdentifyAsync(socket, "good-session");
            await socket.StayAsync();
        });
        await using var bot = await StartAsync(gateway);

        await Eventually.TrueAsync(() => bot.Gateway.SessionId == "good-session", Long, "READY on the second connection");

        Assert.Contains(bot.Logs.Lines, line => line.Contains("Gateway connection failed (InvalidDataException): READY", StringComparison.Ordinal) && line.Contains(named, StringComparison.Ordinal));
        Assert.Equal(2, gateway.Received.Count(r => r.Frame["op"]!.GetValue<int>() == 2));
        AssertStillRunning(bot);
    }

    [Theory]
    [InlineData("""{"shards": 1, "session_start_limit": {"total": 1000, "remaining": 1000, "reset_after": 0, "max_concurrency": 1}}""")]
    [InlineData("""{"url": null, "shards": 1, "session_start_limit": {"total": 1000, "remaining": 1000, "reset_after": 0, "max_concurrency": 1}}""")]
    [InlineData("""{"url": "not a url", "shards": 1, "session_start_limit": {"total": 1000, "remaining": 1000, "reset_after": 0, "max_concurrency": 1}}""")]
    [InlineData("""{"url": "https://gateway.example/", "shards": 1, "session_start_limit": {"total": 1000, "remaining": 1000, "reset_after": 0, "max_concurrency": 1}}""")]
    [InlineData("""{"url": "wss://gateway.example/", "shards": 1}""")]
    public async Task A_gateway_bot_answer_without_a_usable_url_is_a_protocol_error_and_the_client_asks_again(string answer)
    {
        // The first GET gateway/bot gets the broken answer; the next one reaches the fake and the bot connects.
        var garble = new GarbleFirstGatewayBot(answer);
        await using var bot = await BotHarness.StartAsync(
            configure: services => services.AddHttpClient(StudyBot.Discord.Rest.DiscordRestClient.HttpClientName).AddHttpMessageHandler(() => new GarbleFirstGatewayBot.Handler(garble)));

        await bot.WaitReadyAsync();

        Assert.True(garble.Garbled);
        Assert.Contains(bot.Logs.Lines, line => line.Contains("Gateway connection failed (InvalidDataException): gateway/bot answered without", StringComparison.Ordinal));
        AssertStillRunning(bot);
    }

    private sealed class GarbleFirstGatewayBot(string answer)
    {
        private readonly string answer = answer;
        private int seen;

        public bool Garbled => Volatile.Read(ref seen) > 0;

        /// <summary>Sits in the bot's HttpClient; a new one per pipeline, the state shared.</summary>
        public sealed class Handler(GarbleFirstGatewayBot script) : DelegatingHandler
        {
            protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
            {
                if (request.Method != HttpMethod.Get || !request.RequestUri!.AbsolutePath.EndsWith("/gateway/bot", StringComparison.Ordinal) || Interlocked.Exchange(ref script.seen, 1) == 1)
                {
                    return await base.SendAsync(request, cancellationToken);
                }

                return new HttpResponseMessage(System.Net.HttpStatusCode.OK)
                {
                    RequestMessage = request,
                    Content = new StringContent(script.answer, System.Text.Encoding.UTF8, "application/json"),
                };
            }
        }
    }

    private static async Task IdentifyAsync(ScriptedGatewaySocket socket, string sessionId)
    {
        await socket.HelloAsync(45_000);
        if (await socket.ExpectAsync(2) is not null)
        {
            await socket.DispatchAsync("READY", 1, new JsonObject
            {
                ["v"] = 10,
                ["session_id"] = sessionId,
                ["resume_gateway_url"] = "wss://resume.example/",
            });
        }
    }

    private static Task<BotHarness> StartAsync(ScriptedGateway gateway) =>
        BotHarness.StartAsync(settings: new Dictionary<string, string?>
        {
            ["Discord:GatewayUrlOverride"] = gateway.Url.ToString(),
        });

    private static void AssertStillRunning(BotHarness bot)
    {
        Assert.Null(bot.Gateway.FatalReason);
        Assert.False(bot.Host.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping.IsCancellationRequested);
        Assert.False(bot.Gateway.ExecuteTask!.IsCompleted);
        Assert.DoesNotContain(bot.Logs.Lines, line => line.StartsWith("Critical", StringComparison.Ordinal));
    }
}
