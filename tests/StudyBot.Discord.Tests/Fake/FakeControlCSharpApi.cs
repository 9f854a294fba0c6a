using System.Text.Json.Nodes;
using StudyBot.FakeDiscord.Model;

namespace StudyBot.Discord.Tests.Fake;

public sealed class FakeControlCSharpApi
{
    [Fact]
    public async Task A_raw_malformed_interaction_is_dispatched_as_given_and_can_still_be_answered()
    {
        await using var world = await FakeWorldBuilder.StartAsync();
        var (client, _) = await RawGatewayClient.IdentifyAsync(world.Server.GatewayUrl, FakeWorldBuilder.Token, 0);
        await using var _c = client;

        var handle = await world.Server.InjectRawInteractionAsync(new JsonObject
        {
            ["type"] = 2,
            ["data"] = new JsonObject { ["name"] = "queue", ["options"] = "not-an-array" },
            ["channel_id"] = world.Channel.Id.ToString(),
        });
        var frame = await client.ReceiveUntilAsync(f => (string?)f["t"] == "INTERACTION_CREATE");
        Assert.Equal("not-an-array", (string?)frame["d"]!["data"]!["options"]);
        Assert.Equal(handle.Token, (string?)frame["d"]!["token"]);

        var answer = await world.SendAsync(HttpMethod.Post, $"interactions/{handle.Id}/{handle.Token}/callback",
            new JsonObject { ["type"] = 4, ["data"] = new JsonObject { ["content"] = "Sorry, I could not read that command." } });
        Assert.Equal(204, answer.Status);
        Assert.Equal(4, (await handle.WaitForCallbackAsync(RawGatewayClient.Patience)).Type);
    }

    [Fact]
    public async Task Single_command_upsert_keeps_the_id_and_delete_removes_it()
    {
        await using var world = await FakeWorldBuilder.StartAsync();
        var path = $"applications/{world.AppId}/commands";
        var created = await world.SendAsync(HttpMethod.Post, path, new JsonObject { ["name"] = "ping", ["description"] = "Ping" });
        Assert.Equal(201, created.Status);
        var replaced = await world.SendAsync(HttpMethod.Post, path, new JsonObject { ["name"] = "ping", ["description"] = "Ping again" });
        Assert.Equal(200, replaced.Status);
        Assert.Equal((string?)created.Body!["id"], (string?)replaced.Body!["id"]);
        Assert.Equal("Ping again", (string?)Assert.Single(world.Server.GetRegisteredCommands())["description"]);

        var bad = await world.SendAsync(HttpMethod.Post, path, new JsonObject { ["name"] = "has space", ["description"] = "x" });
        Assert.Equal(50035, (int)bad.Body!["code"]!);
        Assert.NotNull(bad.Body["errors"]!["name"]);

        Assert.Equal(204, (await world.SendAsync(HttpMethod.Delete, $"{path}/{(string)created.Body["id"]!}")).Status);
        Assert.Empty(world.Server.GetRegisteredCommands());
        Assert.Equal(10063, (int)(await world.SendAsync(HttpMethod.Get, $"{path}/{(string)created.Body["id"]!}")).Body!["code"]!);
    }

    [Fact]
    public async Task WaitForMessageAsync_sees_messages_posted_after_it_started_waiting()
    {
        await using var world = await FakeWorldBuilder.StartAsync();
        var waiting = world.Server.WaitForMessageAsync(m => m.Content.Contains("Reminder", StringComparison.Ordinal), RawGatewayClient.Patience);
        Assert.Equal(200, (await world.SendAsync(HttpMethod.Post, $"channels/{world.Channel.Id}/messages", new JsonObject { ["content"] = "unrelated" })).Status);
        Assert.Equal(200, (await world.SendAsync(HttpMethod.Post, $"channels/{world.Channel.Id}/messages", new JsonObject { ["content"] = "Reminder: paper club in 1 h" })).Status);
        var message = await waiting;
        Assert.Equal(world.Channel.Id, message.ChannelId);

        var edited = world.Server.WaitForMessageAsync(m => m.EditedAt is not null, RawGatewayClient.Patience);
        Assert.Equal(200, (await world.SendAsync(HttpMethod.Patch, $"channels/{world.Channel.Id}/messages/{message.Id}", new JsonObject { ["content"] = "Reminder: starting now" })).Status);
        Assert.Equal("Reminder: starting now", (await edited).Content);
        Assert.Equal(new[] { "Reminder: paper club in 1 h", "Reminder: starting now" }, (await edited).History.Select(h => h.Content));
    }

    [Fact]
    public async Task Interactions_reach_every_live_session_and_intents_filter_message_events()
    {
        await using var world = await FakeWorldBuilder.StartAsync();
        await world.RegisterDemoCommandsAsync();
        var (withMessages, _) = await RawGatewayClient.IdentifyAsync(world.Server.GatewayUrl, FakeWorldBuilder.Token, 1 | (1 << 9));
        await using var _a = withMessages;
        await withMessages.ReceiveUntilAsync(f => (string?)f["t"] == "GUILD_CREATE");

        Assert.Equal(200, (await world.SendAsync(HttpMethod.Post, $"channels/{world.Channel.Id}/messages", new JsonObject { ["content"] = "hello" })).Status);
        var created = await withMessages.ReceiveUntilAsync(f => f["t"] is not null);
        Assert.Equal("MESSAGE_CREATE", (string?)created["t"]);
        Assert.Equal("hello", (string?)created["d"]!["content"]);
        Assert.Throws<FakeDiscordException>(() => world.Server.AddMember(world.Guild.Id, "x", permissions: "lots"));
    }
}
