using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using NSec.Cryptography;
using StudyBot.Playground;

namespace StudyBot.EndToEnd.Tests.Bot;

/// <summary>
/// The real bot in HTTP interactions mode (<c>Discord:Mode=http</c>): no gateway connection; the fake Discord signs
/// each interaction with the application's Ed25519 key and POSTs it to the bot's <c>/interactions</c> endpoint.
/// </summary>
[Collection(BotCollection.Name)]
public sealed class HttpInteractionsModeTests
{
    private const ulong Ada = PlaygroundSeed.AdaId;

    [Fact]
    public async Task Fake_discord_accepts_the_endpoint_and_slash_commands_round_trip_over_signed_posts()
    {
        await using var host = await BotTestHost.StartHttpModeAsync();

        var check = await host.Fake.SetInteractionsEndpointAsync(host.InteractionsEndpoint);

        Assert.NotNull(check);
        Assert.True(check.Accepted, check.Explanation);
        Assert.Equal(401, check.BadSignatureStatus);

        var info = await host.AskAsync(Ada, "paper info", new Dictionary<string, object?> { ["paper"] = "transformer" });
        Assert.Equal(4, info.Callback.Type);
        Assert.False(info.IsEphemeral);
        Assert.Equal("Attention Is All You Need", info.EmbedTitle);

        var added = await host.AskAsync(Ada, "queue add", new Dictionary<string, object?> { ["paper"] = "lora" });
        Assert.False(added.IsEphemeral);
        Assert.Contains("Added **LoRA: Low-Rank Adaptation of Large Language Models** to the reading queue", added.Content);
        var list = await host.AskAsync(Ada, "queue list");
        Assert.Contains("**LoRA: Low-Rank Adaptation of Large Language Models**", list.EmbedDescription);

        Assert.Equal(0, host.Fake.ConnectedGatewayClients);
        Assert.Equal(0, host.Fake.Counters.Identifies);
    }

    [Fact]
    public async Task Unsigned_badly_signed_or_replayed_interactions_get_401_and_run_nothing()
    {
        await using var host = await BotTestHost.StartHttpModeAsync();
        var check = await host.Fake.SetInteractionsEndpointAsync(host.InteractionsEndpoint);
        Assert.True(check?.Accepted, check?.Explanation);
        var body = QueueAddPayload(host, "bert");
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var tenMinutesAgo = DateTimeOffset.UtcNow.AddMinutes(-10).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        using var otherKey = Key.Create(SignatureAlgorithm.Ed25519);
        var signedByOtherKey = Convert.ToHexStringLower(SignatureAlgorithm.Ed25519.Sign(otherKey, Encoding.UTF8.GetBytes(timestamp + body)));

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(20) };
        var statuses = new Dictionary<string, HttpStatusCode>
        {
            ["unsigned"] = await PostAsync(http, host.InteractionsEndpoint, body, signature: null, timestamp: null),
            ["signed by another key"] = await PostAsync(http, host.InteractionsEndpoint, body, signedByOtherKey, timestamp),
            ["zero signature"] = await PostAsync(http, host.InteractionsEndpoint, body, new string('0', 128), timestamp),
            ["signature not hex"] = await PostAsync(http, host.InteractionsEndpoint, body, "not-a-signature", timestamp),
            ["signature without timestamp"] = await PostAsync(http, host.InteractionsEndpoint, body, signedByOtherKey, timestamp: null),
            // Discord's own signature, replayed ten minutes later.
            ["stale timestamp"] = await PostAsync(http, host.InteractionsEndpoint, body, host.Fake.SignInteraction(tenMinutesAgo, body), tenMinutesAgo),
        };
        const string ping = """{"id":"1300000000000000002","application_id":"1","type":1,"token":"t","version":1}""";
        Assert.Equal(HttpStatusCode.OK, await PostAsync(http, host.InteractionsEndpoint, ping, host.Fake.SignInteraction(timestamp, ping), timestamp));

        Assert.All(statuses, s => Assert.True(s.Value == HttpStatusCode.Unauthorized, $"{s.Key}: {(int)s.Value}"));
        var list = await host.AskAsync(Ada, "queue list");
        Assert.Contains("The reading queue is empty", list.Content);
        Assert.Equal(list.Message.Id, Assert.Single(host.Fake.GetMessages(PlaygroundSeed.PaperClubChannelId)).Id);
    }

    private static async Task<HttpStatusCode> PostAsync(HttpClient http, Uri endpoint, string body, string? signature, string? timestamp)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint)
        {
            Content = new StringContent(body, Encoding.UTF8, new MediaTypeHeaderValue("application/json")),
        };
        if (signature is not null)
        {
            request.Headers.Add("X-Signature-Ed25519", signature);
        }

        if (timestamp is not null)
        {
            request.Headers.Add("X-Signature-Timestamp", timestamp);
        }

        using var response = await http.SendAsync(request);
        return response.StatusCode;
    }

    /// <summary>An APPLICATION_COMMAND for <c>/queue add</c> shaped like Discord's, which would queue the paper if run.</summary>
    private static string QueueAddPayload(BotTestHost host, string paper)
    {
        var commandId = host.Fake.GetRegisteredCommands(PlaygroundSeed.GuildId).Single(c => c["name"]?.GetValue<string>() == "queue")["id"]!.GetValue<string>();
        return string.Create(CultureInfo.InvariantCulture, $$$"""
            {"id":"1300000000000000001","application_id":"{{{host.Fake.Options.ApplicationId}}}","type":2,"token":"forged-token","version":1,
             "guild_id":"{{{PlaygroundSeed.GuildId}}}","channel_id":"{{{PlaygroundSeed.PaperClubChannelId}}}",
             "member":{"user":{"id":"{{{Ada}}}","username":"ada","discriminator":"0"},"roles":[],"permissions":"0","joined_at":"2026-01-01T00:00:00+00:00"},
             "data":{"id":"{{{commandId}}}","name":"queue","type":1,"options":[{"name":"add","type":1,"options":[{"name":"paper","type":3,"value":"{{{paper}}}"}]}]}}
            """);
    }
}
