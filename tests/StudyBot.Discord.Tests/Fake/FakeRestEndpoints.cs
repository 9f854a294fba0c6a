using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace StudyBot.Discord.Tests.Fake;

public sealed class FakeRestEndpoints
{
    [Fact]
    public async Task Requests_without_the_bot_token_get_401_code_0()
    {
        await using var world = await FakeWorldBuilder.StartAsync();
        using var anonymous = new HttpClient { BaseAddress = world.Http.BaseAddress };
        var response = await anonymous.GetAsync($"channels/{world.Channel.Id}/messages");
        Assert.Equal(401, (int)response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(0, (int)body["code"]!);
        Assert.Equal("401: Unauthorized", (string?)body["message"]);

        using var wrong = new HttpClient { BaseAddress = world.Http.BaseAddress };
        wrong.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bot", "nope");
        Assert.Equal(401, (int)(await wrong.GetAsync("gateway/bot")).StatusCode);
    }

    [Fact]
    public async Task Command_overwrite_rejects_bad_names_and_optional_before_required_and_keeps_ids()
    {
        await using var world = await FakeWorldBuilder.StartAsync();
        var path = $"applications/{world.AppId}/guilds/{world.Guild.Id}/commands";
        var bad = new JsonArray(new JsonObject
        {
            ["name"] = "Queue",
            ["description"] = "x",
            ["options"] = new JsonArray(
                new JsonObject { ["type"] = 3, ["name"] = "a", ["description"] = "a" },
                new JsonObject { ["type"] = 3, ["name"] = "b", ["description"] = "b", ["required"] = true }),
        });
        var rejected = await world.SendAsync(HttpMethod.Put, path, bad);
        Assert.Equal(400, rejected.Status);
        Assert.Equal(50035, (int)rejected.Body!["code"]!);
        Assert.Equal("APPLICATION_COMMAND_INVALID_NAME", (string?)rejected.Body["errors"]!["0"]!["name"]!["_errors"]![0]!["code"]);
        Assert.NotNull(rejected.Body["errors"]!["0"]!["options"]!["1"]!["required"]);
        Assert.Empty(world.Server.GetRegisteredCommands(world.Guild.Id));

        await world.RegisterDemoCommandsAsync();
        var firstIds = world.Server.GetRegisteredCommands(world.Guild.Id).Select(c => (string?)c["id"]).ToList();
        await world.RegisterDemoCommandsAsync();
        var secondIds = world.Server.GetRegisteredCommands(world.Guild.Id).Select(c => (string?)c["id"]).ToList();
        Assert.Equal(firstIds, secondIds);
        Assert.Equal(2, world.Server.Counters.CommandOverwrites);
        var listed = await world.SendAsync(HttpMethod.Get, path);
        Assert.Equal(2, listed.Body!.AsArray().Count);
    }

    [Fact]
    public async Task Unknown_channel_and_message_get_10003_and_10008()
    {
        await using var world = await FakeWorldBuilder.StartAsync();
        var channel = await world.SendAsync(HttpMethod.Post, "channels/123456789012345678/messages", new JsonObject { ["content"] = "hi" });
        Assert.Equal(404, channel.Status);
        Assert.Equal(10003, (int)channel.Body!["code"]!);
        var message = await world.SendAsync(HttpMethod.Get, $"channels/{world.Channel.Id}/messages/123456789012345678");
        Assert.Equal(10008, (int)message.Body!["code"]!);
        var empty = await world.SendAsync(HttpMethod.Post, $"channels/{world.Channel.Id}/messages", new JsonObject());
        Assert.Equal(50006, (int)empty.Body!["code"]!);
    }

    [Fact]
    public async Task Every_response_has_rate_limit_headers_and_the_sixth_message_in_the_window_gets_429()
    {
        var clock = new ManualClock(); // frozen: the 2 s window cannot roll over during the test
        await using var world = await FakeWorldBuilder.StartAsync(clock);
        var path = $"channels/{world.Channel.Id}/messages";
        for (var i = 0; i < 5; i++)
        {
            var (status, _, response) = await world.SendAsync(HttpMethod.Post, path, new JsonObject { ["content"] = $"m{i}" });
            Assert.Equal(200, status);
            Assert.Equal("5", response.Headers.GetValues("X-RateLimit-Limit").Single());
            Assert.Equal((4 - i).ToString(), response.Headers.GetValues("X-RateLimit-Remaining").Single());
            Assert.True(response.Headers.Contains("X-RateLimit-Reset"));
            Assert.True(response.Headers.Contains("X-RateLimit-Reset-After"));
            Assert.True(response.Headers.Contains("X-RateLimit-Bucket"));
        }
        var limited = await world.SendAsync(HttpMethod.Post, path, new JsonObject { ["content"] = "m5" });
        Assert.Equal(429, limited.Status);
        Assert.False((bool)limited.Body!["global"]!);
        Assert.True((double)limited.Body["retry_after"]! > 0);
        Assert.Equal("user", limited.Response.Headers.GetValues("X-RateLimit-Scope").Single());
        Assert.True(limited.Response.Headers.Contains("Retry-After"));
        Assert.Equal(5, world.Server.GetMessages(world.Channel.Id).Count);

        clock.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(200, (await world.SendAsync(HttpMethod.Post, path, new JsonObject { ["content"] = "after" })).Status);
    }

    [Fact]
    public async Task Injected_429s_hit_only_matching_routes_and_then_stop()
    {
        await using var world = await FakeWorldBuilder.StartAsync();
        world.Server.InjectRateLimit(@"^PUT /applications/\d+/guilds/\d+/commands$", count: 2, TimeSpan.FromSeconds(1.5), global: true);

        Assert.Equal(200, (await world.SendAsync(HttpMethod.Get, "gateway/bot")).Status);
        var path = $"applications/{world.AppId}/guilds/{world.Guild.Id}/commands";
        for (var i = 0; i < 2; i++)
        {
            var limited = await world.SendAsync(HttpMethod.Put, path, new JsonArray());
            Assert.Equal(429, limited.Status);
            Assert.True((bool)limited.Body!["global"]!);
            Assert.Equal(1.5, (double)limited.Body["retry_after"]!);
            Assert.Equal("global", limited.Response.Headers.GetValues("X-RateLimit-Scope").Single());
        }
        Assert.Equal(200, (await world.SendAsync(HttpMethod.Put, path, new JsonArray())).Status);
        Assert.Equal(2, world.Server.Counters.RateLimitedResponses);
    }

    [Fact]
    public async Task Multipart_files_are_stored_listed_as_attachments_and_downloadable()
    {
        await using var world = await FakeWorldBuilder.StartAsync();
        var png = new byte[] { 0x89, 0x50, 0x4E, 0x47, 1, 2, 3, 4, 5 };
        using var form = new MultipartFormDataContent();
        var payload = new JsonObject
        {
            ["content"] = "Loss curve",
            ["embeds"] = new JsonArray(new JsonObject { ["title"] = "Run 7", ["image"] = new JsonObject { ["url"] = "attachment://loss.png" } }),
            ["attachments"] = new JsonArray(new JsonObject { ["id"] = 0, ["filename"] = "loss.png", ["description"] = "loss" }),
        };
        form.Add(new StringContent(payload.ToJsonString(), Encoding.UTF8, "application/json"), "payload_json");
        var file = new ByteArrayContent(png);
        file.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        form.Add(file, "files[0]", "loss.png");

        var response = await world.Http.PostAsync($"channels/{world.Channel.Id}/messages", form);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(200, (int)response.StatusCode);
        var attachment = body["attachments"]![0]!;
        Assert.Equal("loss.png", (string?)attachment["filename"]);
        Assert.Equal(png.Length, (int)attachment["size"]!);
        Assert.Equal("image/png", (string?)attachment["content_type"]);
        var url = (string)attachment["url"]!;
        Assert.Equal(url, (string?)body["embeds"]![0]!["image"]!["url"]);

        using var cdn = new HttpClient();
        Assert.Equal(png, await cdn.GetByteArrayAsync(url));
        var stored = Assert.Single(world.Server.GetMessages(world.Channel.Id));
        Assert.Equal(png, Assert.Single(stored.Attachments).Content.ToArray());
    }

    [Fact]
    public async Task Threads_validate_auto_archive_duration_and_take_the_message_id()
    {
        await using var world = await FakeWorldBuilder.StartAsync();
        var posted = await world.SendAsync(HttpMethod.Post, $"channels/{world.Channel.Id}/messages", new JsonObject { ["content"] = "Discussion" });
        var messageId = (string)posted.Body!["id"]!;

        var bad = await world.SendAsync(HttpMethod.Post, $"channels/{world.Channel.Id}/messages/{messageId}/threads",
            new JsonObject { ["name"] = "Attention", ["auto_archive_duration"] = 99 });
        Assert.Equal(50035, (int)bad.Body!["code"]!);
        Assert.NotNull(bad.Body["errors"]!["auto_archive_duration"]);

        var thread = await world.SendAsync(HttpMethod.Post, $"channels/{world.Channel.Id}/messages/{messageId}/threads",
            new JsonObject { ["name"] = "Attention", ["auto_archive_duration"] = 1440 });
        Assert.Equal(201, thread.Status);
        Assert.Equal(messageId, (string?)thread.Body!["id"]);
        Assert.Equal(11, (int)thread.Body["type"]!);
        Assert.Equal(200, (await world.SendAsync(HttpMethod.Post, $"channels/{messageId}/messages", new JsonObject { ["content"] = "in thread" })).Status);
        Assert.Single(world.Server.GetThreads(world.Channel.Id));
        var again = await world.SendAsync(HttpMethod.Post, $"channels/{world.Channel.Id}/messages/{messageId}/threads", new JsonObject { ["name"] = "x" });
        Assert.Equal(160004, (int)again.Body!["code"]!);
    }

    [Fact]
    public async Task External_scheduled_events_need_location_and_end_and_follow_status_transitions()
    {
        var clock = new ManualClock();
        await using var world = await FakeWorldBuilder.StartAsync(clock);
        var path = $"guilds/{world.Guild.Id}/scheduled-events";
        var start = clock.GetUtcNow().AddDays(2);
        var missing = await world.SendAsync(HttpMethod.Post, path, new JsonObject
        {
            ["name"] = "Paper club",
            ["privacy_level"] = 2,
            ["entity_type"] = 3,
            ["scheduled_start_time"] = start.ToString("O"),
        });
        Assert.Equal(50035, (int)missing.Body!["code"]!);
        Assert.NotNull(missing.Body["errors"]!["entity_metadata"]!["location"]);
        Assert.NotNull(missing.Body["errors"]!["scheduled_end_time"]);

        var created = await world.SendAsync(HttpMethod.Post, path, new JsonObject
        {
            ["name"] = "Paper club",
            ["privacy_level"] = 2,
            ["entity_type"] = 3,
            ["scheduled_start_time"] = start.ToString("O"),
            ["scheduled_end_time"] = start.AddHours(1).ToString("O"),
            ["entity_metadata"] = new JsonObject { ["location"] = "#reading-group" },
        });
        Assert.Equal(200, created.Status);
        Assert.Equal(1, (int)created.Body!["status"]!);
        var eventPath = path + "/" + (string)created.Body["id"]!;

        Assert.Equal(400, (await world.SendAsync(HttpMethod.Patch, eventPath, new JsonObject { ["status"] = 3 })).Status); // 1 → 3 not allowed
        Assert.Equal(2, (int)(await world.SendAsync(HttpMethod.Patch, eventPath, new JsonObject { ["status"] = 2 })).Body!["status"]!);
        Assert.Equal(3, (int)(await world.SendAsync(HttpMethod.Patch, eventPath, new JsonObject { ["status"] = 3 })).Body!["status"]!);
        Assert.Equal(400, (await world.SendAsync(HttpMethod.Patch, eventPath, new JsonObject { ["name"] = "again" })).Status); // ended
        Assert.Equal(3, Assert.Single(world.Server.GetScheduledEvents(world.Guild.Id)).Status);
    }
}
