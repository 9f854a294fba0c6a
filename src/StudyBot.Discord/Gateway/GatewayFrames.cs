using System.Text.Json;

namespace StudyBot.Discord.Gateway;

// Gateway wire shapes (internal): every frame is {op, d, s, t}.

internal sealed record GatewayIncomingFrame(int Op, JsonElement? D, long? S, string? T);

/// <summary>D stays a JsonElement so a heartbeat can carry an explicit null.</summary>
internal sealed record GatewayOutgoingFrame(int Op, JsonElement D);

internal sealed record HelloPayload(int? HeartbeatInterval);

internal sealed record ReadyApplication(ulong Id);

/// <summary>Untrusted until <c>DiscordGatewayClient</c> has checked it: either string may be missing.</summary>
internal sealed record ReadyPayload(string? SessionId, string? ResumeGatewayUrl, ReadyApplication? Application);

internal sealed record IdentifyProperties(string Os, string Browser, string Device);

internal sealed record IdentifyPayload(string Token, IdentifyProperties Properties, int Intents)
{
    public override string ToString() => "IdentifyPayload(token redacted)";
}

internal sealed record ResumePayload(string Token, string SessionId, long? Seq)
{
    public override string ToString() => "ResumePayload(token redacted)";
}
