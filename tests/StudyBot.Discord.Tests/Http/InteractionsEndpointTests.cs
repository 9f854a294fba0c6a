using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using NSec.Cryptography;
using StudyBot.Discord.Http;
using StudyBot.Discord.Interactions;
using StudyBot.Discord.Tests.Support;

namespace StudyBot.Discord.Tests.Http;

/// <summary>The HTTP interactions endpoint in a real Kestrel on 127.0.0.1, with requests signed by a test key.</summary>
[Collection("Loopback")]
public sealed class InteractionsEndpointTests : IAsyncLifetime
{
    private readonly Key key = Key.Create(SignatureAlgorithm.Ed25519, new KeyCreationParameters { ExportPolicy = KeyExportPolicies.None });
    private readonly HttpClient client = new();
    private WebApplication? app;
    private Uri? endpoint;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Discord:Token"] = "MTIz.http-mode.token-value",
            ["Discord:ApplicationId"] = "1170000000000000000",
            ["Discord:Mode"] = "Http",
            ["Discord:ApiBaseUrl"] = "http://127.0.0.1:9/api/v10",
            ["Discord:PublicKey"] = Convert.ToHexStringLower(key.PublicKey.Export(KeyBlobFormat.RawPublicKey)),
        });
        builder.Services.AddDiscordTransport(builder.Configuration);
        builder.Services.AddSingleton<IInteractionHandler>(new ScriptedInteractionHandler());
        app = builder.Build();
        app.MapDiscordInteractions("/interactions");
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        endpoint = new Uri(new Uri(address), "/interactions");
    }

    public async Task DisposeAsync()
    {
        client.Dispose();
        key.Dispose();
        if (app is not null)
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }

    private async Task<HttpResponseMessage> PostAsync(string body, string? timestamp = null, string? signature = null, bool sign = true)
    {
        timestamp ??= DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add("X-Signature-Timestamp", timestamp);
        if (sign)
        {
            request.Headers.Add("X-Signature-Ed25519", signature ?? Convert.ToHexStringLower(SignatureAlgorithm.Ed25519.Sign(key, Encoding.UTF8.GetBytes(timestamp + body))));
        }

        return await client.SendAsync(request);
    }

    [Fact]
    public async Task Signed_ping_is_answered_with_pong()
    {
        using var response = await PostAsync("""{"id":"1","application_id":"2","type":1,"token":"t","version":1}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("""{"type":1}""", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Missing_signature_is_401()
    {
        using var response = await PostAsync("""{"type":1}""", sign: false);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Signature_from_another_key_is_401()
    {
        using var other = Key.Create(SignatureAlgorithm.Ed25519);
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var signature = Convert.ToHexStringLower(SignatureAlgorithm.Ed25519.Sign(other, Encoding.UTF8.GetBytes(timestamp + """{"type":1}""")));

        using var response = await PostAsync("""{"type":1}""", timestamp, signature);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Body_changed_after_signing_is_401()
    {
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var signature = Convert.ToHexStringLower(SignatureAlgorithm.Ed25519.Sign(key, Encoding.UTF8.GetBytes(timestamp + """{"type":1}""")));

        using var response = await PostAsync("""{"type":1} """, timestamp, signature);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Correctly_signed_but_stale_timestamp_is_401()
    {
        var stale = DateTimeOffset.UtcNow.AddMinutes(-10).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);

        using var response = await PostAsync("""{"type":1}""", stale);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Quick_command_is_answered_inline()
    {
        using var response = await PostAsync("""
            {"id":"4","application_id":"1170000000000000000","type":2,"token":"tok","channel_id":"9",
             "member":{"user":{"id":"3","username":"ada"},"roles":[],"permissions":"8"},"data":{"id":"7","name":"ping"}}
            """);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(4, json.RootElement.GetProperty("type").GetInt32());
        Assert.Equal("pong", json.RootElement.GetProperty("data").GetProperty("content").GetString());
    }

    [Fact]
    public async Task Slow_command_is_deferred_inline_within_three_seconds()
    {
        var started = DateTime.UtcNow;

        using var response = await PostAsync("""
            {"id":"5","application_id":"1170000000000000000","type":2,"token":"tok","channel_id":"9",
             "user":{"id":"3","username":"ada"},"data":{"id":"7","name":"slow"}}
            """);

        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(3));
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(5, json.RootElement.GetProperty("type").GetInt32());
    }

    [Theory]
    [InlineData("1.5")]
    [InlineData("\"x\"")]
    [InlineData("4294967297")]
    public async Task Signed_payload_whose_type_is_not_an_integer_is_400_with_a_reason(string type)
    {
        using var response = await PostAsync($$$"""{"id":"6","application_id":"1170000000000000000","type":{{{type}}},"token":"tok","data":{"id":"7","name":"ping"}}""");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("\"type\" must be an integer", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[1,2,3]")]
    [InlineData("\"interaction\"")]
    [InlineData("42")]
    public async Task Signed_body_that_is_valid_json_but_not_an_object_is_400_at_once(string body)
    {
        using var response = await PostAsync(body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("must be a JSON object", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
