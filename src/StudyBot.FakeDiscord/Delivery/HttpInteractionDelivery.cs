using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using StudyBot.FakeDiscord.Model;
using StudyBot.FakeDiscord.Rest;
using StudyBot.FakeDiscord.State;

namespace StudyBot.FakeDiscord.Delivery;

/// <summary>
/// Outgoing-webhook delivery: POSTs each interaction, signed, to the bot's interactions endpoint. A 200 with a JSON body
/// is the bot's inline response (processed like a callback); 202 means it will use the callback endpoint.
/// </summary>
internal sealed class HttpInteractionDelivery(FakeWorld world, InteractionSigner signer) : IDisposable
{
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(10) };

    public async Task DeliverAsync(StoredInteraction interaction, Uri endpoint, CancellationToken ct)
    {
        string body;
        lock (world.Gate)
        {
            body = interaction.Payload.ToJsonString();
        }
        string? failure = null;
        try
        {
            using var response = await PostSignedAsync(endpoint, body, validSignature: true, ct);
            var text = await response.Content.ReadAsStringAsync(ct);
            if ((int)response.StatusCode == 200 && !string.IsNullOrWhiteSpace(text))
            {
                var inline = JsonNode.Parse(text) as JsonObject ?? throw new DiscordApiException(400, 50109, "The request body contains invalid JSON.");
                if (world.Options.InlineResponseDelay > TimeSpan.Zero)
                {
                    // Network and processing time on Discord's side: real time, like the bot's own requests.
                    await Task.Delay(world.Options.InlineResponseDelay, ct);
                }
                lock (world.Gate)
                {
                    world.Callback(interaction.Id, interaction.Token, inline, []);
                }
            }
            else if ((int)response.StatusCode != 202 && (int)response.StatusCode != 204)
            {
                failure = $"endpoint answered {(int)response.StatusCode}";
            }
        }
        catch (DiscordApiException e)
        {
            failure = $"inline response rejected: {e.Code} {e.Message}";
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or JsonException)
        {
            failure = $"delivery failed: {e.Message}";
        }
        if (failure is not null)
        {
            lock (world.Gate)
            {
                world.Publish(FakeEventKinds.InteractionDeliveryFailed, interaction.GuildId, interaction.ChannelId, null, interaction.Id,
                    new JsonObject { ["reason"] = failure });
            }
        }
    }

    public async Task<FakeEndpointCheck> CheckAsync(Uri endpoint, CancellationToken ct)
    {
        var ping = new JsonObject
        {
            ["id"] = Json.Id(world.Ids.Next()),
            ["application_id"] = Json.Id(world.Options.ApplicationId),
            ["type"] = 1,
            ["token"] = "ping-token",
            ["version"] = 1,
            ["user"] = new JsonObject { ["id"] = "643945264868098049", ["username"] = "discord", ["discriminator"] = "0" },
        }.ToJsonString();
        int goodStatus, badStatus;
        string goodBody;
        using (var good = await PostSignedAsync(endpoint, ping, validSignature: true, ct))
        {
            goodStatus = (int)good.StatusCode;
            goodBody = await good.Content.ReadAsStringAsync(ct);
        }
        using (var bad = await PostSignedAsync(endpoint, ping, validSignature: false, ct))
        {
            badStatus = (int)bad.StatusCode;
        }
        var pong = false;
        try
        {
            pong = goodStatus == 200 && JsonNode.Parse(goodBody) is JsonObject o && Json.Int(o["type"]) == 1;
        }
        catch (JsonException)
        {
            pong = false;
        }
        return new FakeEndpointCheck(pong && badStatus == 401, goodStatus, goodBody, badStatus);
    }

    private async Task<HttpResponseMessage> PostSignedAsync(Uri endpoint, string body, bool validSignature, CancellationToken ct)
    {
        var timestamp = world.Now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var signature = signer.Sign(timestamp, body);
        if (!validSignature)
        {
            // Discord's own check flips the signature; one changed hex digit is enough to break it.
            signature = (signature[0] == '0' ? '1' : '0') + signature[1..];
        }
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint)
        {
            Content = new StringContent(body, Encoding.UTF8, new MediaTypeHeaderValue("application/json")),
        };
        request.Headers.Add("X-Signature-Ed25519", signature);
        request.Headers.Add("X-Signature-Timestamp", timestamp);
        request.Headers.UserAgent.ParseAdd("Discord-Interactions/1.0 (+https://discord.com)");
        return await _http.SendAsync(request, ct);
    }

    public void Dispose() => _http.Dispose();
}
