namespace StudyBot.FakeDiscord.Model;

/// <summary>Observable totals since start (or the last reset).</summary>
public sealed record FakeCounters(
    int GatewayConnections,
    int Identifies,
    int Resumes,
    int HeartbeatsReceived,
    int HeartbeatAcksSent,
    int DispatchesSent,
    int CommandOverwrites,
    int RestRequests,
    int RateLimitedResponses,
    int InvalidRequests,
    int SessionStartRemaining,
    int HeartbeatTimeouts);
