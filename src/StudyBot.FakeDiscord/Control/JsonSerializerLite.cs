using System.Text.Json.Nodes;
using StudyBot.FakeDiscord.Model;

namespace StudyBot.FakeDiscord.Control;

/// <summary>Hand-written JSON for control-API records (no reflection-based serialization).</summary>
internal static class JsonSerializerLite
{
    public static JsonObject Counters(FakeCounters c) => new()
    {
        ["gateway_connections"] = c.GatewayConnections,
        ["identifies"] = c.Identifies,
        ["resumes"] = c.Resumes,
        ["heartbeats_received"] = c.HeartbeatsReceived,
        ["heartbeat_acks_sent"] = c.HeartbeatAcksSent,
        ["heartbeat_timeouts"] = c.HeartbeatTimeouts,
        ["dispatches_sent"] = c.DispatchesSent,
        ["command_overwrites"] = c.CommandOverwrites,
        ["rest_requests"] = c.RestRequests,
        ["rate_limited_responses"] = c.RateLimitedResponses,
        ["invalid_requests"] = c.InvalidRequests,
        ["session_start_remaining"] = c.SessionStartRemaining,
    };
}
