namespace StudyBot.Discord;

/// <summary>The <c>Discord</c> configuration section. The token must come from the environment or user secrets.</summary>
public sealed class DiscordOptions
{
    public const string SectionName = "Discord";

    public string? Token { get; set; }

    public ulong ApplicationId { get; set; }

    public ulong? GuildId { get; set; }

    public DiscordMode Mode { get; set; } = DiscordMode.Gateway;

    public Uri ApiBaseUrl { get; set; } = new("https://discord.com/api/v10");

    public Uri? GatewayUrlOverride { get; set; }

    /// <summary>The application's Ed25519 public key as hex; required in <see cref="DiscordMode.Http"/>.</summary>
    public string? PublicKey { get; set; }

    public GatewayIntents Intents { get; set; } = GatewayIntents.Guilds;

    /// <summary>How often a request that met HTTP 429 is retried before <see cref="Rest.DiscordApiException"/> is thrown.</summary>
    public int MaxRateLimitRetries { get; set; } = 3;

    /// <summary>
    /// The longest rate-limit wait (a 429's <c>retry_after</c>, or what the limiter still has to wait for a bucket or
    /// the global limit) a request sits out; a longer one fails at once with a 429 <see cref="Rest.DiscordApiException"/>
    /// instead of leaving its caller stuck.
    /// </summary>
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Workers that take gateway dispatches off the queue. For interactions a worker only starts the handler and its
    /// automatic defer, never waiting for either; the handlers themselves are limited by <see cref="MaxConcurrentHandlers"/>.
    /// </summary>
    public int DispatchConcurrency { get; set; } = 16;

    /// <summary>
    /// Interaction handlers allowed to run at once (gateway and HTTP mode together). Interactions waiting for a slot
    /// are still deferred <see cref="AutoDeferAfter"/> after receipt, so a full house never costs a 3 s deadline.
    /// </summary>
    public int MaxConcurrentHandlers { get; set; } = 32;

    /// <summary>
    /// Gateway dispatches buffered between the receive loop and the workers. When full the receive loop waits for
    /// room (back-pressure); heartbeats keep going meanwhile and a missing ACK is not taken for a zombie connection.
    /// </summary>
    public int DispatchQueueCapacity { get; set; } = 1024;

    /// <summary>Below this many remaining daily identifies the client refuses to identify (the token would be reset at 0).</summary>
    public int MinIdentifyRemaining { get; set; } = 10;

    /// <summary>
    /// Consecutive identifies whose session never became stable (READY held for a minute) after which the client stops
    /// for good instead of identifying again; each retry already waits longer (1–5 s at first, up to 10 minutes).
    /// </summary>
    public int MaxUnstableSessions { get; set; } = 10;

    /// <summary>Identifies allowed per rolling hour; beyond it the client waits. Keeps a day's use far below Discord's 1000.</summary>
    public int MaxIdentifiesPerHour { get; set; } = 20;

    /// <summary>How long to wait for Hello (op 10) after the socket opens before reconnecting.</summary>
    public TimeSpan HelloTimeout { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>When the dispatcher sends an automatic defer if the handler has not answered yet (Discord's limit is 3 s;
    /// the 1.5 s left cover the defer's own trip to Discord on a slow network or a loaded host).</summary>
    public TimeSpan AutoDeferAfter { get; set; } = TimeSpan.FromMilliseconds(1500);

    /// <summary>
    /// On stop, how long running interaction handlers get to finish; after it they are cancelled and interactions still
    /// unanswered or "thinking…" are told the bot is restarting. Keep it below the host's shutdown timeout (30 s).
    /// </summary>
    public TimeSpan ShutdownDrainTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Requests whose signature timestamp is older than this are rejected by the HTTP endpoint.</summary>
    public TimeSpan MaxSignatureAge { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Project URL for the <c>User-Agent</c> header Discord requires.</summary>
    public string UserAgentUrl { get; set; } = "https://github.com/studybot/studybot";

    public string UserAgentVersion { get; set; } = "1.0";

    /// <summary>Never prints the token in clear; safe for logs.</summary>
    public override string ToString() =>
        $"Discord(Mode={Mode}, ApplicationId={ApplicationId}, GuildId={GuildId}, ApiBaseUrl={ApiBaseUrl}, Token={DiscordSecret.Redact(Token)})";
}
