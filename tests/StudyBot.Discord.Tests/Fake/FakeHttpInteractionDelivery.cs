using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using NSec.Cryptography;
using StudyBot.FakeDiscord.Model;

namespace StudyBot.Discord.Tests.Fake;

public sealed class FakeHttpInteractionDelivery
{
    /// <summary>A minimal interactions endpoint: verifies Ed25519 over timestamp + body, answers PING and commands inline.</summary>
    private sealed class TinyEndpoint : IAsyncDisposable
    {
        private readonly HttpListener _listener = new();
        private readonly Task _loop;

        public TinyEndpoint(string publicKeyHex)
        {
            var probe = new TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            var port = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
            Url = new Uri($"http://127.0.0.1:{port}/interactions/");
            _listener.Prefixes.Add(Url.ToString());
            _listener.Start();
            var key = PublicKey.Import(SignatureAlgorithm.Ed25519, Convert.FromHexString(publicKeyHex), KeyBlobFormat.RawPublicKey);
            _loop = Task.Run(async () =>
            {
                while (_listener.IsListening)
                {
                    HttpListenerContext ctx;
                    try
                    {
                        ctx = await _listener.GetContextAsync();
                    }
                    catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
                    {
                        return;
                    }
                    using var reader = new StreamReader(ctx.Request.InputStream);
                    var body = await reader.ReadToEndAsync();
                    var signature = Convert.FromHexString(ctx.Request.Headers["X-Signature-Ed25519"] ?? "00");
                    var signed = Encoding.UTF8.GetBytes((ctx.Request.Headers["X-Signature-Timestamp"] ?? "") + body);
                    string reply;
                    if (signature.Length != 64 || !SignatureAlgorithm.Ed25519.Verify(key, signed, signature))
                    {
                        ctx.Response.StatusCode = 401;
                        reply = "{\"error\":\"bad signature\"}";
                    }
                    else
                    {
                        var type = (int)JsonNode.Parse(body)!["type"]!;
                        reply = type == 1
                            ? "{\"type\":1}"
                            : "{\"type\":4,\"data\":{\"content\":\"pong over http\"}}";
                    }
                    var bytes = Encoding.UTF8.GetBytes(reply);
                    ctx.Response.ContentType = "application/json";
                    await ctx.Response.OutputStream.WriteAsync(bytes);
                    ctx.Response.Close();
                }
            });
        }

        public Uri Url { get; }

        public async ValueTask DisposeAsync()
        {
            _listener.Stop();
            _listener.Close();
            await _loop;
        }
    }

    [Fact]
    public async Task Interactions_go_to_a_verified_http_endpoint_and_inline_responses_count_as_the_callback()
    {
        await using var world = await FakeWorldBuilder.StartAsync();
        await world.RegisterDemoCommandsAsync();
        await using var endpoint = new TinyEndpoint(world.Server.PublicKeyHex);

        var check = await world.Server.SetInteractionsEndpointAsync(endpoint.Url);
        Assert.True(check!.Accepted, check.Explanation);
        Assert.Equal(401, check.BadSignatureStatus);

        var handle = await world.Server.SendSlashCommandAsync(world.Guild.Id, world.Channel.Id, world.Member.Id, "queue list");
        var callback = await handle.WaitForCallbackAsync(RawGatewayClient.Patience);
        Assert.Equal(4, callback.Type);
        Assert.Equal("pong over http", handle.OriginalResponse!.Content);
        Assert.Equal("pong over http", Assert.Single(world.Server.GetMessages(world.Channel.Id)).Content);
    }

    [Fact]
    public async Task An_endpoint_that_accepts_bad_signatures_is_refused()
    {
        await using var world = await FakeWorldBuilder.StartAsync();
        // Verifying against some other key: every signature fails, so the signed PING is refused too.
        using var otherKey = Key.Create(SignatureAlgorithm.Ed25519);
        await using var endpoint = new TinyEndpoint(Convert.ToHexString(otherKey.PublicKey.Export(KeyBlobFormat.RawPublicKey)));
        var check = await world.Server.SetInteractionsEndpointAsync(endpoint.Url);
        Assert.False(check!.Accepted);
        Assert.Equal(401, check.SignedPingStatus);
        Assert.DoesNotContain(world.Server.GetEvents(), e => e.Kind == FakeEventKinds.InteractionDeliveryFailed);
    }
}
