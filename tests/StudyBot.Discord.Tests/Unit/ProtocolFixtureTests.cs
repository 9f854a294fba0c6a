using System.Net;
using System.Text.Json;
using StudyBot.Discord.Gateway;
using StudyBot.Discord.Json;
using StudyBot.Discord.Rest;

namespace StudyBot.Discord.Tests.Unit;

/// <summary>The client's wire types read Discord's documented payload shapes (see <see cref="ProtocolFixtures"/>).</summary>
public sealed class ProtocolFixtureTests
{
    private static GatewayIncomingFrame Frame(string json) =>
        JsonSerializer.Deserialize(json, DiscordJsonContext.Default.GatewayIncomingFrame) ?? throw new InvalidOperationException("null frame");

    [Fact]
    public void Hello_gives_the_heartbeat_interval()
    {
        var frame = Frame(ProtocolFixtures.Hello);

        Assert.Equal(GatewayOpCode.Hello, frame.Op);
        Assert.Null(frame.S);
        Assert.Null(frame.T);
        Assert.Equal(41250, frame.D!.Value.Deserialize(DiscordJsonContext.Default.HelloPayload)!.HeartbeatInterval);
    }

    [Fact]
    public void Ready_gives_session_resume_url_and_application()
    {
        var frame = Frame(ProtocolFixtures.Ready);

        Assert.Equal(GatewayOpCode.Dispatch, frame.Op);
        Assert.Equal("READY", frame.T);
        Assert.Equal(1, frame.S);
        var ready = frame.D!.Value.Deserialize(DiscordJsonContext.Default.ReadyPayload)!;
        Assert.Equal("9b1c3f0e2a7d4e5f8a6b7c8d9e0f1a2b", ready.SessionId);
        Assert.Equal("wss://gateway-us-east1-c.discord.gg", ready.ResumeGatewayUrl);
        Assert.Equal(1_100_000_000_000_000_001UL, ready.Application!.Id);
    }

    [Fact]
    public void Resumed_is_a_dispatch_with_a_sequence()
    {
        var frame = Frame(ProtocolFixtures.Resumed);

        Assert.Equal(GatewayOpCode.Dispatch, frame.Op);
        Assert.Equal("RESUMED", frame.T);
        Assert.Equal(57, frame.S);
    }

    [Fact]
    public void Invalid_session_carries_whether_the_session_can_be_resumed()
    {
        var notResumable = Frame(ProtocolFixtures.InvalidSessionNotResumable);
        var resumable = Frame(ProtocolFixtures.InvalidSessionResumable);

        Assert.Equal(GatewayOpCode.InvalidSession, notResumable.Op);
        Assert.Equal(JsonValueKind.False, notResumable.D!.Value.ValueKind);
        Assert.Equal(JsonValueKind.True, resumable.D!.Value.ValueKind);
    }

    [Fact]
    public void Reconnect_and_heartbeat_ack_need_no_data()
    {
        var reconnect = Frame(ProtocolFixtures.Reconnect);
        var ack = Frame(ProtocolFixtures.HeartbeatAck);

        Assert.Equal(GatewayOpCode.Reconnect, reconnect.Op);
        Assert.True(reconnect.D is null || reconnect.D.Value.ValueKind == JsonValueKind.Null);
        Assert.Equal(GatewayOpCode.HeartbeatAck, ack.Op);
        Assert.Null(ack.S);
    }

    [Fact]
    public void Gateway_bot_gives_url_and_session_start_limit()
    {
        var info = JsonSerializer.Deserialize(ProtocolFixtures.GatewayBot, DiscordJsonContext.Default.GatewayBotInfo)!;

        Assert.Equal("wss://gateway.discord.gg", info.Url);
        Assert.Equal(1, info.Shards);
        Assert.Equal(new SessionStartLimit(1000, 997, 14_400_000, 1), info.SessionStartLimit);
    }

    [Fact]
    public void Rate_limit_bodies_give_retry_after_in_fractional_seconds_and_the_global_flag()
    {
        var route = JsonSerializer.Deserialize(ProtocolFixtures.RateLimited, DiscordJsonContext.Default.DiscordErrorBody)!;
        var global = JsonSerializer.Deserialize(ProtocolFixtures.GloballyRateLimited, DiscordJsonContext.Default.DiscordErrorBody)!;

        Assert.Equal(64.57, route.RetryAfter);
        Assert.False(route.Global);
        Assert.Null(route.Code);
        Assert.Equal(1.336, global.RetryAfter);
        Assert.True(global.Global);
        Assert.Equal(0, global.Code);
    }

    [Fact]
    public void Invalid_form_body_keeps_code_and_field_errors_for_the_exception()
    {
        var body = JsonSerializer.Deserialize(ProtocolFixtures.InvalidFormBody, DiscordJsonContext.Default.DiscordErrorBody)!;

        Assert.Equal(DiscordErrorCodes.InvalidFormBody, body.Code);
        var content = body.Errors!.Value.GetProperty("content").GetProperty("_errors")[0];
        Assert.Equal("BASE_TYPE_MAX_LENGTH", content.GetProperty("code").GetString());

        var exception = new DiscordApiException(HttpStatusCode.BadRequest, body.Code, body.Message, body.Errors, "POST channels/1/messages");
        Assert.Equal(50035, exception.Code);
        Assert.Contains("Invalid Form Body", exception.Message, StringComparison.Ordinal);
        Assert.Contains("Must be 2000 or fewer in length.", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Message_object_reads_author_attachments_embeds_and_components()
    {
        var message = JsonSerializer.Deserialize(ProtocolFixtures.Message, DiscordJsonContext.Default.DiscordMessage)!;

        Assert.Equal(1_250_000_000_000_000_001UL, message.Id);
        Assert.Equal(1_150_000_000_000_000_000UL, message.ChannelId);
        Assert.Equal("Reading group starts in 15 minutes", message.Content);
        Assert.True(message.Author!.Bot);
        Assert.Equal(new DateTimeOffset(2026, 3, 2, 18, 0, 0, 123, TimeSpan.Zero), message.Timestamp);
        var attachment = Assert.Single(message.Attachments!);
        Assert.Equal(("loss.png", 20480L, "image/png"), (attachment.Filename, attachment.Size, attachment.ContentType));
        var embed = Assert.Single(message.Embeds!);
        Assert.Equal("Attention Is All You Need", embed.Title);
        Assert.Equal(5793266, embed.Color);
        Assert.Equal(new EmbedField("When", "<t:1772474400:F>", true), Assert.Single(embed.Fields!));
        var row = Assert.Single(message.Components!);
        Assert.Equal(ComponentType.ActionRow, row.Type);
        var button = Assert.Single(row.Components!);
        Assert.Equal((ComponentType.Button, "rsvp:yes", "Going", 1), (button.Type, button.CustomId, button.Label, button.Style));
        Assert.Equal(MessageFlags.None, message.Flags);
    }
}
