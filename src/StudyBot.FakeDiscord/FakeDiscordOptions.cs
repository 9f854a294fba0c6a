namespace StudyBot.FakeDiscord;

/// <summary>Settings of one fake Discord instance; validated by <see cref="FakeDiscordServer.StartAsync"/>.</summary>
public sealed record FakeDiscordOptions
{
    /// <summary>TCP port on 127.0.0.1; 0 picks a free one.</summary>
    public int Port { get; init; }

    /// <summary>The only token REST (<c>Authorization: Bot …</c>) and Identify accept.</summary>
    public string BotToken { get; init; } = "fake-bot-token";

    public ulong ApplicationId { get; init; } = 1_100_000_000_000_000_001;

    public string BotUsername { get; init; } = "StudyBot";

    public int HeartbeatIntervalMs { get; init; } = 41_250;

    /// <summary>
    /// When true, a connection that has had Hello but sends no heartbeat for <see cref="ClientHeartbeatTimeout"/>
    /// (measured in real time, whatever <see cref="TimeProvider"/> says, because the client's heartbeats are real-time)
    /// is closed with 4009 "Session timed out" and its session cannot be resumed.
    /// </summary>
    public bool EnforceClientHeartbeats { get; init; } = true;

    /// <summary>1.5 heartbeat intervals plus 5 s of slack for a busy client.</summary>
    public TimeSpan ClientHeartbeatTimeout => TimeSpan.FromMilliseconds(HeartbeatIntervalMs * 1.5) + TimeSpan.FromSeconds(5);

    /// <summary>Discord's 3-second window for the initial interaction response.</summary>
    public TimeSpan CallbackDeadline { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>
    /// Real time Discord takes to act on an inline (HTTP 200) interaction response after reading it. Until then the
    /// interaction has no response: follow-ups and @original answer 10015 Unknown Webhook, as they can on Discord.
    /// </summary>
    public TimeSpan InlineResponseDelay { get; init; }

    /// <summary>How long an interaction token keeps working for edits and follow-ups.</summary>
    public TimeSpan WebhookTokenLifetime { get; init; } = TimeSpan.FromMinutes(15);

    /// <summary>The <c>resume_gateway_url</c> READY names; null: the fake's own gateway URL. Tests set an address
    /// nothing answers on to play a resume host that is down.</summary>
    public string? ResumeGatewayUrl { get; init; }

    /// <summary>How long a disconnected gateway session can still be resumed.</summary>
    public TimeSpan SessionResumeWindow { get; init; } = TimeSpan.FromMinutes(3);

    /// <summary>Privileged intent bits (1&lt;&lt;1, 1&lt;&lt;8, 1&lt;&lt;15) the application is allowed to ask for.</summary>
    public long EnabledPrivilegedIntents { get; init; }

    public int SessionStartLimitTotal { get; init; } = 1000;

    /// <summary>Per-route limits; the first rule whose method and template match applies.</summary>
    public IReadOnlyList<FakeRateLimitRule> RateLimitRules { get; init; } =
    [
        new("POST", "/channels/{channelId}/messages", 5, TimeSpan.FromSeconds(2)),
        new("POST", "/webhooks/{applicationId}/{token}", 5, TimeSpan.FromSeconds(2)),
    ];

    /// <summary>Limit for routes no rule names.</summary>
    public FakeRateLimitRule DefaultRateLimit { get; init; } = new("*", "*", 50, TimeSpan.FromSeconds(1));

    /// <summary>Global requests per second (interaction routes are exempt, as on Discord); 0 disables.</summary>
    public int GlobalRequestsPerSecond { get; init; } = 50;

    public long MaxFileSizeBytes { get; init; } = 10 * 1024 * 1024;

    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    internal void Validate()
    {
        if (Port is < 0 or > 65535)
        {
            throw new ArgumentOutOfRangeException(nameof(Port), Port, "Port must be 0 (any free port) or 1..65535.");
        }
        if (string.IsNullOrWhiteSpace(BotToken))
        {
            throw new ArgumentException("BotToken must not be empty.", nameof(BotToken));
        }
        if (ApplicationId == 0)
        {
            throw new ArgumentException("ApplicationId must be a non-zero snowflake.", nameof(ApplicationId));
        }
        if (HeartbeatIntervalMs < 100)
        {
            throw new ArgumentOutOfRangeException(nameof(HeartbeatIntervalMs), HeartbeatIntervalMs, "HeartbeatIntervalMs must be at least 100.");
        }
        if (InlineResponseDelay < TimeSpan.Zero || InlineResponseDelay >= CallbackDeadline)
        {
            throw new ArgumentOutOfRangeException(nameof(InlineResponseDelay), InlineResponseDelay, "InlineResponseDelay must be zero or more and below CallbackDeadline.");
        }
        if (CallbackDeadline <= TimeSpan.Zero || WebhookTokenLifetime <= TimeSpan.Zero || SessionResumeWindow <= TimeSpan.Zero)
        {
            throw new ArgumentException("CallbackDeadline, WebhookTokenLifetime and SessionResumeWindow must be positive.");
        }
        foreach (var rule in RateLimitRules.Append(DefaultRateLimit))
        {
            if (rule.Limit < 1 || rule.Window <= TimeSpan.Zero)
            {
                throw new ArgumentException($"Rate limit rule {rule.Method} {rule.RouteTemplate} needs Limit >= 1 and a positive Window.");
            }
        }
        if (GlobalRequestsPerSecond < 0 || MaxFileSizeBytes < 1 || SessionStartLimitTotal < 1)
        {
            throw new ArgumentException("GlobalRequestsPerSecond must be >= 0, MaxFileSizeBytes and SessionStartLimitTotal >= 1.");
        }
        ArgumentNullException.ThrowIfNull(TimeProvider);
    }
}
