using System.Net.Http.Json;
using System.Text.Json.Nodes;
using StudyBot.FakeDiscord.Model;

namespace StudyBot.Discord.Tests.Fake;

public sealed class FakeInteractionEndpoints
{
    private static JsonObject Message(string content, int flags = 0) => new()
    {
        ["type"] = 4,
        ["data"] = new JsonObject { ["content"] = content, ["flags"] = flags },
    };

    [Fact]
    public async Task A_slash_command_arrives_over_the_gateway_and_its_callback_is_recorded()
    {
        await using var world = await FakeWorldBuilder.StartAsync();
        await world.RegisterDemoCommandsAsync();
        var (client, _) = await RawGatewayClient.IdentifyAsync(world.Server.GatewayUrl, FakeWorldBuilder.Token, 0);
        await using var _c = client;

        var handle = await world.Server.SendSlashCommandAsync(world.Guild.Id, world.Channel.Id, world.Member.Id, "queue add",
            new Dictionary<string, object?> { ["paper"] = "1706.03762", ["priority"] = 2 });
        var frame = await client.ReceiveUntilAsync(f => (string?)f["t"] == "INTERACTION_CREATE");
        var d = frame["d"]!;
        Assert.Equal(2, (int)d["type"]!);
        Assert.Equal("queue", (string?)d["data"]!["name"]);
        var sub = d["data"]!["options"]![0]!;
        Assert.Equal("add", (string?)sub["name"]);
        Assert.Equal(1, (int)sub["type"]!);
        Assert.Equal("1706.03762", (string?)sub["options"]![0]!["value"]);
        Assert.Equal(2, (int)sub["options"]![1]!["value"]!);
        Assert.Equal(world.Member.Id.ToString(), (string?)d["member"]!["user"]!["id"]);
        Assert.False(string.IsNullOrEmpty((string?)d["member"]!["permissions"]));

        var id = (string)d["id"]!;
        var token = (string)d["token"]!;
        using var noAuth = new HttpClient { BaseAddress = world.Http.BaseAddress };
        var response = await noAuth.PostAsync($"interactions/{id}/{token}/callback", FakeWorldBuilder.JsonBody(Message("Added!", flags: 64)));
        Assert.Equal(204, (int)response.StatusCode);

        var callback = await handle.WaitForCallbackAsync(RawGatewayClient.Patience);
        Assert.Equal(4, callback.Type);
        Assert.True(callback.Latency >= TimeSpan.Zero);
        var original = handle.OriginalResponse!;
        Assert.Equal("Added!", original.Content);
        Assert.True(original.IsEphemeral);
        Assert.Equal(world.Member.Id, original.InteractionUserId);
        Assert.Empty(world.Server.GetMessages(world.Channel.Id)); // ephemeral: not in the channel's public list
        Assert.Single(world.Server.GetMessages(world.Channel.Id, includeEphemeral: true));
    }

    [Fact]
    public async Task A_second_acknowledgement_gets_40060_and_an_unknown_interaction_10062()
    {
        await using var world = await FakeWorldBuilder.StartAsync();
        await world.RegisterDemoCommandsAsync();
        var handle = await world.Server.SendSlashCommandAsync(world.Guild.Id, world.Channel.Id, world.Member.Id, "queue list");

        var first = await world.SendAsync(HttpMethod.Post, $"interactions/{handle.Id}/{handle.Token}/callback", new JsonObject { ["type"] = 5 });
        Assert.Equal(204, first.Status);
        var second = await world.SendAsync(HttpMethod.Post, $"interactions/{handle.Id}/{handle.Token}/callback", Message("again"));
        Assert.Equal(400, second.Status);
        Assert.Equal(40060, (int)second.Body!["code"]!);

        var unknown = await world.SendAsync(HttpMethod.Post, $"interactions/{handle.Id}/not-the-token/callback", Message("x"));
        Assert.Equal(404, unknown.Status);
        Assert.Equal(10062, (int)unknown.Body!["code"]!);
    }

    [Fact]
    public async Task A_callback_after_the_deadline_is_rejected_with_10062()
    {
        var clock = new ManualClock();
        await using var world = await FakeWorldBuilder.StartAsync(clock);
        await world.RegisterDemoCommandsAsync();
        var handle = await world.Server.SendSlashCommandAsync(world.Guild.Id, world.Channel.Id, world.Member.Id, "queue list");
        clock.Advance(TimeSpan.FromSeconds(3.5));

        var late = await world.SendAsync(HttpMethod.Post, $"interactions/{handle.Id}/{handle.Token}/callback", Message("too late"));
        Assert.Equal(404, late.Status);
        Assert.Equal(10062, (int)late.Body!["code"]!);
        Assert.False(handle.Callback.IsCompleted);
    }

    [Fact]
    public async Task Content_over_2000_characters_is_a_50035_with_an_error_tree()
    {
        await using var world = await FakeWorldBuilder.StartAsync();
        await world.RegisterDemoCommandsAsync();
        var handle = await world.Server.SendSlashCommandAsync(world.Guild.Id, world.Channel.Id, world.Member.Id, "queue list");

        var result = await world.SendAsync(HttpMethod.Post, $"interactions/{handle.Id}/{handle.Token}/callback", Message(new string('x', 2001)));
        Assert.Equal(400, result.Status);
        Assert.Equal(50035, (int)result.Body!["code"]!);
        Assert.Equal("BASE_TYPE_MAX_LENGTH", (string?)result.Body["errors"]!["content"]!["_errors"]![0]!["code"]);
        Assert.False(handle.Callback.IsCompleted); // a rejected response does not count as the acknowledgement
    }

    [Fact]
    public async Task Deferred_response_is_edited_then_followed_up_until_the_token_expires_with_50027()
    {
        var clock = new ManualClock();
        await using var world = await FakeWorldBuilder.StartAsync(clock);
        await world.RegisterDemoCommandsAsync();
        var handle = await world.Server.SendSlashCommandAsync(world.Guild.Id, world.Channel.Id, world.Member.Id, "queue list");
        var hook = $"webhooks/{world.AppId}/{handle.Token}";

        Assert.Equal(204, (await world.SendAsync(HttpMethod.Post, $"interactions/{handle.Id}/{handle.Token}/callback", new JsonObject { ["type"] = 5 })).Status);
        Assert.True(handle.OriginalResponse!.IsLoading);

        clock.Advance(TimeSpan.FromMinutes(10));
        var edit = await world.SendAsync(HttpMethod.Patch, hook + "/messages/@original", new JsonObject { ["content"] = "Queue: 3 papers" });
        Assert.Equal(200, edit.Status);
        Assert.Equal("Queue: 3 papers", (string?)edit.Body!["content"]);
        var original = await handle.WaitForOriginalResponseAsync(m => !m.IsLoading, RawGatewayClient.Patience);
        Assert.Equal(2, original.History.Count);

        var followup = await world.SendAsync(HttpMethod.Post, hook, new JsonObject { ["content"] = "More", ["flags"] = 64 });
        Assert.Equal(200, followup.Status);
        Assert.Single(handle.Followups);
        Assert.True(handle.Followups[0].IsEphemeral);

        clock.Advance(TimeSpan.FromMinutes(6));
        var expired = await world.SendAsync(HttpMethod.Patch, hook + "/messages/@original", new JsonObject { ["content"] = "late" });
        Assert.Equal(401, expired.Status);
        Assert.Equal(50027, (int)expired.Body!["code"]!);
    }

    [Fact]
    public async Task Button_click_carries_the_message_and_update_message_edits_it()
    {
        await using var world = await FakeWorldBuilder.StartAsync();
        var posted = await world.SendAsync(HttpMethod.Post, $"channels/{world.Channel.Id}/messages", new JsonObject
        {
            ["content"] = "Session on Thursday",
            ["components"] = new JsonArray(new JsonObject
            {
                ["type"] = 1,
                ["components"] = new JsonArray(new JsonObject { ["type"] = 2, ["style"] = 1, ["label"] = "Going", ["custom_id"] = "rsvp:yes" }),
            }),
        });
        Assert.Equal(200, posted.Status);
        var messageId = ulong.Parse((string)posted.Body!["id"]!);

        var handle = await world.Server.ClickButtonAsync(messageId, "rsvp:yes", world.Member.Id);
        var payload = handle.Payload;
        Assert.Equal(3, (int)payload["type"]!);
        Assert.Equal("rsvp:yes", (string?)payload["data"]!["custom_id"]);
        Assert.Equal(2, (int)payload["data"]!["component_type"]!);
        Assert.Equal(messageId.ToString(), (string?)payload["message"]!["id"]);

        var update = await world.SendAsync(HttpMethod.Post, $"interactions/{handle.Id}/{handle.Token}/callback",
            new JsonObject { ["type"] = 7, ["data"] = new JsonObject { ["content"] = "Session on Thursday (1 going)" } });
        Assert.Equal(204, update.Status);
        var message = world.Server.GetMessage(messageId)!;
        Assert.Equal("Session on Thursday (1 going)", message.Content);
        Assert.Equal(2, message.History.Count);
        Assert.Throws<FakeDiscordException>(() => world.Server.ClickButtonAsync(messageId, "no-such-button", world.Member.Id).GetAwaiter().GetResult());
    }

    [Fact]
    public async Task Modal_submit_mirrors_the_label_layout_the_bot_sent()
    {
        await using var world = await FakeWorldBuilder.StartAsync();
        await world.RegisterDemoCommandsAsync();
        var opener = await world.Server.SendSlashCommandAsync(world.Guild.Id, world.Channel.Id, world.Member.Id, "queue list");
        var modal = new JsonObject
        {
            ["type"] = 9,
            ["data"] = new JsonObject
            {
                ["custom_id"] = "note-modal",
                ["title"] = "Add a note",
                ["components"] = new JsonArray(new JsonObject
                {
                    ["type"] = 18,
                    ["label"] = "Your question",
                    ["component"] = new JsonObject { ["type"] = 4, ["custom_id"] = "question", ["style"] = 2, ["max_length"] = 200 },
                }),
            },
        };
        Assert.Equal(204, (await world.SendAsync(HttpMethod.Post, $"interactions/{opener.Id}/{opener.Token}/callback", modal)).Status);

        var submit = await world.Server.SubmitModalAsync(opener.Id, new Dictionary<string, string> { ["question"] = "Why scaled dot product?" });
        var data = submit.Payload["data"]!;
        Assert.Equal(5, submit.Type);
        Assert.Equal("note-modal", (string?)data["custom_id"]);
        Assert.Equal(18, (int)data["components"]![0]!["type"]!);
        Assert.Equal("Why scaled dot product?", (string?)data["components"]![0]!["component"]!["value"]);

        await Assert.ThrowsAsync<FakeDiscordException>(() =>
            world.Server.SubmitModalAsync(opener.Id, new Dictionary<string, string> { ["question"] = new string('q', 201) }));
    }

    [Fact]
    public async Task Autocomplete_sends_the_focused_partial_value_and_returns_the_choices()
    {
        await using var world = await FakeWorldBuilder.StartAsync();
        await world.RegisterDemoCommandsAsync();
        var handle = await world.Server.SendAutocompleteAsync(world.Guild.Id, world.Channel.Id, world.Member.Id, "queue add", "paper", "atten");
        var focused = handle.Payload["data"]!["options"]![0]!["options"]![0]!;
        Assert.True((bool)focused["focused"]!);
        Assert.Equal("atten", (string?)focused["value"]);

        var answer = await world.SendAsync(HttpMethod.Post, $"interactions/{handle.Id}/{handle.Token}/callback", new JsonObject
        {
            ["type"] = 8,
            ["data"] = new JsonObject
            {
                ["choices"] = new JsonArray(new JsonObject { ["name"] = "Attention Is All You Need", ["value"] = "1706.03762" }),
            },
        });
        Assert.Equal(204, answer.Status);
        var choices = await handle.WaitForChoicesAsync(RawGatewayClient.Patience);
        Assert.Equal("Attention Is All You Need", Assert.Single(choices).Name);
    }

    [Fact]
    public async Task Slash_options_are_checked_against_the_registered_definition()
    {
        await using var world = await FakeWorldBuilder.StartAsync();
        await world.RegisterDemoCommandsAsync();
        var server = world.Server;
        async Task Rejects(ulong member, string path, Dictionary<string, object?> options) =>
            await Assert.ThrowsAsync<FakeDiscordException>(() => server.SendSlashCommandAsync(world.Guild.Id, world.Channel.Id, member, path, options));

        await Rejects(world.Member.Id, "queue add", []); // required 'paper' missing
        await Rejects(world.Member.Id, "queue add", new() { ["paper"] = "x", ["priority"] = 7 }); // over max_value
        await Rejects(world.Member.Id, "queue add", new() { ["paper"] = 42 }); // wrong type
        await Rejects(world.Member.Id, "queue add", new() { ["paper"] = "x", ["colour"] = "red" }); // unknown option
        await Rejects(world.Member.Id, "queue", []); // needs a subcommand
        await Rejects(world.Member.Id, "admin schedule set", new() { ["day"] = "mon" }); // admin-only command
        await Rejects(world.Admin.Id, "admin schedule set", new() { ["day"] = "sunday" }); // not a choice

        var ok = await server.SendSlashCommandAsync(world.Guild.Id, world.Channel.Id, world.Admin.Id, "admin schedule set",
            new Dictionary<string, object?> { ["day"] = "thu" });
        var group = ok.Payload["data"]!["options"]![0]!;
        Assert.Equal(2, (int)group["type"]!);
        Assert.Equal("set", (string?)group["options"]![0]!["name"]);
        Assert.Equal("thu", (string?)group["options"]![0]!["options"]![0]!["value"]);

        var file = server.UploadUserAttachment("notes.md", "# notes"u8.ToArray());
        var withFile = await server.SendSlashCommandAsync(world.Guild.Id, world.Channel.Id, world.Member.Id, "queue add",
            new Dictionary<string, object?> { ["paper"] = "x", ["notes"] = file.Id });
        Assert.Equal("notes.md", (string?)withFile.Payload["data"]!["resolved"]!["attachments"]![file.Id.ToString()]!["filename"]);
    }
}
