using System.Text.Json.Nodes;

namespace StudyBot.Discord.Tests.Fake;

public sealed class FakeControlHttpApi
{
    [Fact]
    public async Task A_page_can_set_up_a_guild_send_a_command_and_long_poll_the_bots_reply()
    {
        await using var world = await FakeWorldBuilder.StartAsync();
        await world.RegisterDemoCommandsAsync();
        using var control = new HttpClient { BaseAddress = new Uri(world.Server.BaseUrl, "/_fake/"), Timeout = TimeSpan.FromSeconds(30) };

        async Task<JsonNode> Post(string path, JsonObject body)
        {
            var response = await control.PostAsync(path, FakeWorldBuilder.JsonBody(body));
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(response.IsSuccessStatusCode, text);
            return JsonNode.Parse(text)!;
        }

        var channel = await Post($"guilds/{world.Guild.Id}/channels", new JsonObject { ["name"] = "papers" });
        var member = await Post($"guilds/{world.Guild.Id}/members", new JsonObject { ["username"] = "alan", ["permissions"] = "0" });
        var state = JsonNode.Parse(await control.GetStringAsync("state"))!;
        Assert.Equal(2, state["guilds"]![0]!["members"]!.AsArray().Count - 1);

        var last = (long)JsonNode.Parse(await control.GetStringAsync("events?timeout_ms=0"))!.AsArray()[^1]!["seq"]!;
        var sent = await Post("interactions/slash", new JsonObject
        {
            ["guild_id"] = world.Guild.Id.ToString(),
            ["channel_id"] = (string)channel["id"]!,
            ["member_id"] = (string)member["id"]!,
            ["command"] = "queue add",
            ["options"] = new JsonObject { ["paper"] = "2106.09685", ["priority"] = 1 },
        });
        var interactionId = (string)sent["id"]!;
        var handle = world.Server.GetInteraction(ulong.Parse(interactionId))!;
        Assert.Equal(204, (await world.SendAsync(HttpMethod.Post, $"interactions/{handle.Id}/{handle.Token}/callback",
            new JsonObject { ["type"] = 4, ["data"] = new JsonObject { ["content"] = "Queued LoRA" } })).Status);

        JsonObject? created = null;
        while (created is null)
        {
            var events = JsonNode.Parse(await control.GetStringAsync($"events?after={last}&timeout_ms=10000"))!.AsArray();
            Assert.NotEmpty(events);
            last = (long)events[^1]!["seq"]!;
            created = events.Select(e => e!.AsObject()).FirstOrDefault(e => (string?)e["kind"] == "message_created");
        }
        Assert.Equal("Queued LoRA", (string?)created["payload"]!["content"]);

        var messages = JsonNode.Parse(await control.GetStringAsync($"channels/{(string)channel["id"]!}/messages"))!.AsArray();
        Assert.Equal("Queued LoRA", (string?)Assert.Single(messages)!["content"]);
        var readBack = JsonNode.Parse(await control.GetStringAsync($"interactions/{interactionId}"))!;
        Assert.Equal(4, (int)readBack["callback"]!["type"]!);

        var badOption = await control.PostAsync("interactions/slash", FakeWorldBuilder.JsonBody(new JsonObject
        {
            ["guild_id"] = world.Guild.Id.ToString(),
            ["channel_id"] = (string)channel["id"]!,
            ["member_id"] = (string)member["id"]!,
            ["command"] = "queue add",
            ["options"] = new JsonObject { ["priority"] = 1 },
        }));
        Assert.Equal(400, (int)badOption.StatusCode);
        Assert.Contains("paper", JsonNode.Parse(await badOption.Content.ReadAsStringAsync())!["error"]!.ToString());
    }

    [Fact]
    public async Task The_event_stream_sends_server_sent_events_and_does_not_hold_up_shutdown()
    {
        var world = await FakeWorldBuilder.StartAsync();
        using var sse = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
        using var response = await sse.GetAsync(new Uri(world.Server.BaseUrl, "/_fake/events/stream?after=0"), HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType!.MediaType);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        Assert.Equal(200, (await world.SendAsync(HttpMethod.Post, $"channels/{world.Channel.Id}/messages", new JsonObject { ["content"] = "streamed" })).Status);
        string? line;
        do
        {
            line = await reader.ReadLineAsync().WaitAsync(RawGatewayClient.Patience);
        }
        while (line is not null && !line.StartsWith("data: ", StringComparison.Ordinal));
        Assert.NotNull(line);
        var evt = JsonNode.Parse(line["data: ".Length..])!;
        Assert.Equal("message_created", (string?)evt["kind"]);
        Assert.Equal("streamed", (string?)evt["payload"]!["content"]);

        // Shutdown with the stream still open must end it rather than wait for it.
        await world.DisposeAsync().AsTask().WaitAsync(RawGatewayClient.Patience);
    }

    [Fact]
    public async Task Gateway_faults_withhold_hello_and_invalidate_identifies_can_be_switched_over_http()
    {
        await using var world = await FakeWorldBuilder.StartAsync();
        using var control = new HttpClient { BaseAddress = new Uri(world.Server.BaseUrl, "/_fake/"), Timeout = TimeSpan.FromSeconds(30) };

        async Task Fault(JsonObject body)
        {
            var response = await control.PostAsync("faults/gateway", FakeWorldBuilder.JsonBody(body));
            Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        }

        await Fault(new JsonObject { ["action"] = "withhold_hello" });
        await Fault(new JsonObject { ["action"] = "invalidate_identifies", ["enabled"] = true });
        Assert.True(world.Server.WithholdHello);
        Assert.True(world.Server.InvalidateEveryIdentify);

        await Fault(new JsonObject { ["action"] = "withhold_hello", ["enabled"] = false });
        await Fault(new JsonObject { ["action"] = "invalidate_identifies", ["enabled"] = false });
        Assert.False(world.Server.WithholdHello);
        Assert.False(world.Server.InvalidateEveryIdentify);

        var unknown = await control.PostAsync("faults/gateway", FakeWorldBuilder.JsonBody(new JsonObject { ["action"] = "explode" }));
        Assert.Equal(400, (int)unknown.StatusCode);
        Assert.Contains("invalidate_identifies", await unknown.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
