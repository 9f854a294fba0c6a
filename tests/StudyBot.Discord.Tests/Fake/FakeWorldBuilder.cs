using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using StudyBot.FakeDiscord;
using StudyBot.FakeDiscord.Model;

namespace StudyBot.Discord.Tests.Fake;

/// <summary>A started fake with one guild, a text channel, a member and an admin, plus an HttpClient for its REST API.</summary>
internal sealed class FakeWorldBuilder : IAsyncDisposable
{
    public const string Token = "test-token-abc";

    private FakeWorldBuilder(FakeDiscordServer server, HttpClient http, ManualClock? clock)
    {
        Server = server;
        Http = http;
        Clock = clock;
        Guild = server.AddGuild("Paper Club");
        Channel = server.AddChannel(Guild.Id, "reading-group");
        Member = server.AddMember(Guild.Id, "ada", "Ada");
        Admin = server.AddMember(Guild.Id, "grace", "Grace", permissions: "8");
    }

    public FakeDiscordServer Server { get; }
    public HttpClient Http { get; }
    public ManualClock? Clock { get; }
    public FakeGuild Guild { get; }
    public FakeChannel Channel { get; }
    public FakeMember Member { get; }
    public FakeMember Admin { get; }
    public ulong AppId => Server.Options.ApplicationId;

    public static async Task<FakeWorldBuilder> StartAsync(ManualClock? clock = null, Func<FakeDiscordOptions, FakeDiscordOptions>? configure = null)
    {
        var options = new FakeDiscordOptions { BotToken = Token, HeartbeatIntervalMs = 45_000, TimeProvider = clock ?? TimeProvider.System };
        options = configure?.Invoke(options) ?? options;
        var server = await FakeDiscordServer.StartAsync(options);
        var http = new HttpClient { BaseAddress = new Uri(server.ApiBaseUrl + "/"), Timeout = TimeSpan.FromSeconds(30) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bot", Token);
        return new FakeWorldBuilder(server, http, clock);
    }

    public static StringContent JsonBody(JsonNode body) => new(body.ToJsonString(), Encoding.UTF8, "application/json");

    public async Task<(int Status, JsonNode? Body, HttpResponseMessage Response)> SendAsync(HttpMethod method, string path, JsonNode? body = null)
    {
        using var request = new HttpRequestMessage(method, path.TrimStart('/'));
        if (body is not null)
        {
            request.Content = JsonBody(body);
        }
        var response = await Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return ((int)response.StatusCode, string.IsNullOrEmpty(text) ? null : JsonNode.Parse(text), response);
    }

    /// <summary>Registers /queue (add, list) and /paper info as guild commands, the shapes StudyBot uses.</summary>
    public async Task RegisterDemoCommandsAsync()
    {
        var commands = new JsonArray(
            new JsonObject
            {
                ["name"] = "queue",
                ["description"] = "Reading queue",
                ["options"] = new JsonArray(
                    new JsonObject
                    {
                        ["type"] = 1,
                        ["name"] = "add",
                        ["description"] = "Propose a paper",
                        ["options"] = new JsonArray(
                            new JsonObject { ["type"] = 3, ["name"] = "paper", ["description"] = "arXiv id or title", ["required"] = true, ["autocomplete"] = true },
                            new JsonObject { ["type"] = 4, ["name"] = "priority", ["description"] = "1-3", ["min_value"] = 1, ["max_value"] = 3 },
                            new JsonObject { ["type"] = 11, ["name"] = "notes", ["description"] = "Your notes" }),
                    },
                    new JsonObject { ["type"] = 1, ["name"] = "list", ["description"] = "Show the queue" }),
            },
            new JsonObject
            {
                ["name"] = "admin",
                ["description"] = "Club administration",
                ["default_member_permissions"] = "8",
                ["options"] = new JsonArray(new JsonObject
                {
                    ["type"] = 2,
                    ["name"] = "schedule",
                    ["description"] = "Schedule settings",
                    ["options"] = new JsonArray(new JsonObject
                    {
                        ["type"] = 1,
                        ["name"] = "set",
                        ["description"] = "Set the weekday",
                        ["options"] = new JsonArray(new JsonObject
                        {
                            ["type"] = 3,
                            ["name"] = "day",
                            ["description"] = "Weekday",
                            ["required"] = true,
                            ["choices"] = new JsonArray(
                                new JsonObject { ["name"] = "Monday", ["value"] = "mon" },
                                new JsonObject { ["name"] = "Thursday", ["value"] = "thu" }),
                        }),
                    }),
                }),
            });
        var (status, body, _) = await SendAsync(HttpMethod.Put, $"applications/{AppId}/guilds/{Guild.Id}/commands", commands);
        Assert.True(status == 200, body?.ToJsonString());
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Server.DisposeAsync();
    }
}
