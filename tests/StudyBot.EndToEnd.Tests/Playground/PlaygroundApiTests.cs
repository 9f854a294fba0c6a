using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using StudyBot.FakeDiscord;
using StudyBot.Playground;

namespace StudyBot.EndToEnd.Tests.Playground;

/// <summary>The playground's JSON layer, seeding and entry point, over HTTP without a browser.</summary>
public sealed class PlaygroundApiTests
{
    [Fact]
    public async Task Seed_is_idempotent_and_keeps_the_same_ids()
    {
        await using var fake = await FakeDiscordServer.StartAsync(new FakeDiscordOptions());
        PlaygroundSeed.Apply(fake);
        PlaygroundSeed.Apply(fake);

        var guild = Assert.Single(fake.GetGuilds());
        Assert.Equal((PlaygroundSeed.GuildId, "Paper Club"), (guild.Id, guild.Name));
        Assert.Equal(
            [(PlaygroundSeed.PaperClubChannelId, "paper-club"), (PlaygroundSeed.GeneralChannelId, "general")],
            fake.GetChannels(PlaygroundSeed.GuildId).Select(c => (c.Id, c.Name)).ToList());
        var members = fake.GetMembers(PlaygroundSeed.GuildId).ToDictionary(m => m.DisplayName!);
        Assert.Equal(PlaygroundSeed.AdaId, members["Ada"].Id);
        Assert.Equal("8", members["Grace"].Permissions);
        Assert.Equal("0", members["Ada"].Permissions);
    }

    [Fact]
    public async Task State_lists_the_guild_members_with_effective_permissions_and_registered_commands()
    {
        await using var world = await PlaygroundTestWorld.StartAsync();
        await world.RegisterCommandsAsync(SampleCommands.All());
        using var http = new HttpClient { BaseAddress = world.Host.Url };

        var state = (await http.GetFromJsonAsync<JsonObject>("api/state"))!;

        Assert.Equal("Paper Club", state["guild"]!["name"]!.GetValue<string>());
        var members = state["members"]!.AsArray().ToDictionary(m => m!["display_name"]!.GetValue<string>());
        Assert.False(members["Ada"]!["is_admin"]!.GetValue<bool>());
        Assert.True(members["Grace"]!["is_admin"]!.GetValue<bool>());
        Assert.NotEqual("0", members["Ada"]!["permissions"]!.GetValue<string>()); // @everyone's bits count
        Assert.Equal(["paper", "queue", "club"], state["commands"]!.AsArray().Select(c => c!["name"]!.GetValue<string>()).ToArray());
        Assert.False(state["bot"]!["online"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Command_the_bot_never_registered_is_refused_with_a_clear_message()
    {
        await using var world = await PlaygroundTestWorld.StartAsync();
        using var http = new HttpClient { BaseAddress = world.Host.Url };

        using var response = await http.PostAsJsonAsync("api/interactions/command", new JsonObject
        {
            ["channel_id"] = PlaygroundSeed.PaperClubChannelId.ToString(),
            ["member_id"] = PlaygroundSeed.AdaId.ToString(),
            ["command"] = "paper info",
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = (await response.Content.ReadFromJsonAsync<JsonObject>())!["error"]!.GetValue<string>();
        Assert.Contains("No chat command named 'paper'", error);
        Assert.DoesNotContain(world.Fake.GetEvents(), e => e.Kind == "interaction_created");
    }

    [Fact]
    public async Task Malformed_json_is_refused_without_reaching_the_fake()
    {
        await using var world = await PlaygroundTestWorld.StartAsync();
        using var http = new HttpClient { BaseAddress = world.Host.Url };

        using var response = await http.PostAsync("api/interactions/button", new StringContent("{not json", System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Invalid JSON", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Page_and_its_scripts_are_served_from_the_executable()
    {
        await using var world = await PlaygroundTestWorld.StartAsync();
        using var http = new HttpClient { BaseAddress = world.Host.Url };

        var html = await http.GetStringAsync("/");
        using var script = await http.GetAsync("app.js");
        using var missing = await http.GetAsync("nope.js");

        Assert.Contains("<script src=\"app.js\"></script>", html);
        Assert.Equal("text/javascript", script.Content.Headers.ContentType!.MediaType);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task Event_stream_delivers_a_bot_message_as_it_is_posted()
    {
        await using var world = await PlaygroundTestWorld.StartAsync();
        using var http = new HttpClient { BaseAddress = world.Host.Url, Timeout = TimeSpan.FromSeconds(20) };
        using var response = await http.GetAsync("api/events?after=0", HttpCompletionOption.ResponseHeadersRead);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());

        await world.Bot.PostMessageAsync(PlaygroundSeed.GeneralChannelId, new JsonObject { ["content"] = "hello **club**" });

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        string? line;
        while ((line = await reader.ReadLineAsync(timeout.Token)) is not null && line != "event: message")
        {
        }
        var data = JsonNode.Parse((await reader.ReadLineAsync(timeout.Token))!["data: ".Length..])!;
        Assert.Equal("hello **club**", data["content"]!.GetValue<string>());
        Assert.Equal(PlaygroundSeed.GeneralChannelId.ToString(), data["channel_id"]!.GetValue<string>());
    }

    [Fact]
    public async Task RunAsync_prints_the_url_starts_the_bot_against_the_seeded_fake_and_stops_on_cancellation()
    {
        using var output = new StringWriter();
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        FakeDiscordServer? seen = null;
        string? page = null;

        await PlaygroundHost.RunAsync(new PlaygroundOptions { Port = 0, Output = output }, async (fake, ct) =>
        {
            seen = fake;
            Assert.Contains(fake.GetGuilds(), g => g.Id == PlaygroundSeed.GuildId);
            using var http = new HttpClient();
            var url = output.ToString().Split('\n').First(l => l.StartsWith("Playground: ", StringComparison.Ordinal))["Playground: ".Length..].Trim();
            page = await http.GetStringAsync(url, ct);
            await stop.CancelAsync();
        }, stop.Token);

        Assert.NotNull(seen);
        Assert.Contains("StudyBot playground", page);
        Assert.Contains("Bot connected.", output.ToString());
    }

    [Fact]
    public async Task Attachment_download_names_a_non_ascii_file_in_an_encoded_content_disposition()
    {
        // Like Discord, the fake keeps letters, digits, '.', '-' and '_' of a name (a quote becomes '_'), so what
        // reaches the header is a name like this one: raw, it is not a valid header value.
        const string name = "Übung-lösung_é.txt";
        await using var world = await PlaygroundTestWorld.StartAsync();
        using var http = new HttpClient { BaseAddress = world.Host.Url };
        var posted = await world.Bot.PostMessageWithFilesAsync(PlaygroundSeed.PaperClubChannelId,
            new JsonObject
            {
                ["content"] = "notes",
                ["attachments"] = new JsonArray { new JsonObject { ["id"] = 0, ["filename"] = name } },
            },
            ("notes.txt", "step,loss\n"u8.ToArray(), "text/plain"));
        var attachment = posted["attachments"]![0]!;
        Assert.Equal(name, attachment["filename"]!.GetValue<string>());

        using var response = await http.GetAsync(
            $"api/attachments/{attachment["id"]!.GetValue<string>()}/{Uri.EscapeDataString(name)}?download=1");

        response.EnsureSuccessStatusCode();
        var disposition = response.Content.Headers.ContentDisposition!;
        Assert.Equal("attachment", disposition.DispositionType);
        Assert.Equal(name, disposition.FileNameStar);
        Assert.Equal("step,loss\n", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public void Options_with_an_impossible_port_are_rejected()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new PlaygroundOptions { Port = 70000 }.Validate());
        Assert.Contains("port", error.Message, StringComparison.OrdinalIgnoreCase);
    }
}
