using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using StudyBot.FakeDiscord;

namespace StudyBot.EndToEnd.Tests.Playground;

/// <summary>Plays the bot's REST side by hand (bulk overwrite, channel messages, interaction callbacks) so the page can be
/// tested against the fake without the real bot.</summary>
public sealed class FakeBotRest : IDisposable
{
    private readonly HttpClient _http;
    private readonly FakeDiscordServer _fake;

    public FakeBotRest(FakeDiscordServer fake)
    {
        _fake = fake;
        _http = new HttpClient { BaseAddress = new Uri(fake.ApiBaseUrl + "/") };
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bot", fake.Options.BotToken);
        _http.DefaultRequestHeaders.UserAgent.ParseAdd("DiscordBot (https://example.invalid/studybot-tests, 1.0)");
    }

    public async Task RegisterGuildCommandsAsync(ulong guildId, JsonArray commands)
    {
        var app = _fake.Options.ApplicationId.ToString(CultureInfo.InvariantCulture);
        using var response = await _http.PutAsJsonAsync($"applications/{app}/guilds/{guildId}/commands", commands);
        await EnsureAsync(response);
    }

    public async Task<JsonObject> PostMessageAsync(ulong channelId, JsonObject body)
    {
        using var response = await _http.PostAsJsonAsync($"channels/{channelId}/messages", body);
        await EnsureAsync(response);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    /// <summary>Posts a message with files (multipart: payload_json + files[n]).</summary>
    public async Task<JsonObject> PostMessageWithFilesAsync(ulong channelId, JsonObject body, params (string Name, byte[] Content, string ContentType)[] files)
    {
        using var form = new MultipartFormDataContent();
        form.Add(new StringContent(body.ToJsonString(), System.Text.Encoding.UTF8, "application/json"), "payload_json");
        for (var i = 0; i < files.Length; i++)
        {
            var part = new ByteArrayContent(files[i].Content);
            part.Headers.ContentType = new MediaTypeHeaderValue(files[i].ContentType);
            form.Add(part, $"files[{i}]", files[i].Name);
        }
        using var response = await _http.PostAsync($"channels/{channelId}/messages", form);
        await EnsureAsync(response);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    public async Task<JsonObject> StartThreadAsync(ulong channelId, ulong messageId, string name)
    {
        using var response = await _http.PostAsJsonAsync($"channels/{channelId}/messages/{messageId}/threads", new JsonObject { ["name"] = name });
        await EnsureAsync(response);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    /// <summary>Answers an interaction (POST /interactions/{id}/{token}/callback) as the bot would.</summary>
    public async Task RespondAsync(FakeInteractionHandle interaction, JsonObject callback)
    {
        using var response = await _http.PostAsJsonAsync($"interactions/{interaction.Id}/{interaction.Token}/callback", callback);
        await EnsureAsync(response);
    }

    /// <summary>Deletes a channel message (what a moderator deleting the bot's message looks like to the bot).</summary>
    public async Task DeleteMessageAsync(ulong channelId, ulong messageId)
    {
        using var response = await _http.DeleteAsync($"channels/{channelId}/messages/{messageId}");
        await EnsureAsync(response);
    }

    public void Dispose() => _http.Dispose();

    private static async Task EnsureAsync(HttpResponseMessage response)
    {
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }
    }
}
