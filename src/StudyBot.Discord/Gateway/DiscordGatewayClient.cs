using System.Net.WebSockets;
using System.Text.Json;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StudyBot.Discord.Json;
using StudyBot.Discord.Rest;

namespace StudyBot.Discord.Gateway;

/// <summary>
/// The gateway connection as a hosted service: Hello/heartbeat with zombie detection, Identify within budget,
/// Resume whenever the session survives (dropped socket, op 7, op 9 true, zombie), capped exponential backoff
/// with jitter, and on a fatal close code a clear log line, <see cref="Environment.ExitCode"/> = 1 and host stop.
/// New sessions that never become stable (op 9 d=false on every identify) back off exponentially, stop the client
/// after <see cref="DiscordOptions.MaxUnstableSessions"/> in a row, and never exceed
/// <see cref="DiscordOptions.MaxIdentifiesPerHour"/>, so the daily identify budget cannot be burnt.
/// Dispatches go to <see cref="IGatewayDispatchHandler"/>s through a bounded queue, never run on this loop; when the
/// queue is full this loop waits for room while the heartbeat task keeps beating (see <see cref="HeartbeatState"/>).
/// </summary>
/// <remarks>
/// On host shutdown we close with 1000, which ends the session: the session id lives only in this process, so a
/// restarted bot could not resume it anyway, and ending it tells Discord at once that the bot is offline.
/// Every other close we make uses <see cref="ResumableCloseCode"/> so the session stays resumable.
/// </remarks>
public sealed partial class DiscordGatewayClient : BackgroundService
{
    /// <summary>Close code for reconnects we start ourselves; anything but 1000/1001 keeps the session.</summary>
    public const int ResumableCloseCode = 4900;

    /// <summary>Stands for "no sequence yet" in <see cref="lastSequence"/> (Discord numbers dispatches from 1).</summary>
    private const long NoSequence = -1;

    /// <summary>A session that stayed READY this long counts as stable and clears the unstable-identify streak.</summary>
    private static readonly TimeSpan StableAfter = TimeSpan.FromSeconds(60);

    /// <summary>The heartbeat intervals a Hello may ask for (Discord sends about 41 s); anything else is a broken or
    /// hostile server, answered by reconnecting rather than by beating a thousand times a second or never.</summary>
    private static readonly TimeSpan MinHeartbeatInterval = TimeSpan.FromMilliseconds(100);

    private static readonly TimeSpan MaxHeartbeatInterval = TimeSpan.FromMinutes(10);

    /// <summary>Discord's session ids are 32 hex characters; a longer one would not fit a Resume frame anyway.</summary>
    private const int MaxSessionIdLength = 256;

    /// <summary>Resume attempts in a row that fail before a healthy connection (the resume URL refuses, or never
    /// says Hello) after which the session is given up and the bot identifies anew on the main gateway URL: op 9,
    /// which would otherwise say so, only ever comes over a connection that works.</summary>
    private const int MaxFailedResumeConnects = 2;

    private readonly IOptionsMonitor<DiscordOptions> options;
    private readonly DiscordRestClient rest;
    private readonly GatewayDispatchQueue queue;
    private readonly IdentifyBudget identifyBudget;
    private readonly IHostApplicationLifetime lifetime;
    private readonly TimeProvider time;
    private readonly ILogger<DiscordGatewayClient> logger;

    private Uri? gatewayUrl;
    private string? sessionId;
    private Uri? resumeUrl;
    // Written by the receive loop, read by the heartbeat task: always through Interlocked.
    private long lastSequence = NoSequence;
    private int unstableIdentifies;
    private int failedResumeConnects;

    /// <summary>The next connection resumes the session (one is kept, with its resume URL) instead of identifying.</summary>
    private bool CanResume => sessionId is not null && resumeUrl is not null;
    private DateTimeOffset? readyAt;
    private DateTimeOffset lastQueueFullLog = DateTimeOffset.MinValue;

    internal DiscordGatewayClient(
        IOptionsMonitor<DiscordOptions> options,
        DiscordRestClient rest,
        GatewayDispatchQueue queue,
        IdentifyBudget identifyBudget,
        IHostApplicationLifetime lifetime,
        TimeProvider time,
        ILogger<DiscordGatewayClient> logger)
    {
        this.options = options;
        this.rest = rest;
        this.queue = queue;
        this.identifyBudget = identifyBudget;
        this.lifetime = lifetime;
        this.time = time;
        this.logger = logger;
    }

    /// <summary>The current session, null before READY or after an invalidated session.</summary>
    public string? SessionId => Volatile.Read(ref sessionId);

    /// <summary>The last sequence number seen; sent with heartbeats and Resume.</summary>
    public long? LastSequence => Interlocked.Read(ref lastSequence) is var sequence and not NoSequence ? sequence : null;

    /// <summary>True between READY/RESUMED and the end of that connection.</summary>
    public bool IsReady { get; private set; }

    /// <summary>Set when the client stopped for good (fatal close code or refused identify).</summary>
    public string? FatalReason { get; private set; }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.CurrentValue.Mode != DiscordMode.Gateway)
        {
            return;
        }

        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            ConnectionOutcome outcome;
            var resuming = CanResume;
            try
            {
                outcome = await RunConnectionAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (GatewayFatalException ex)
            {
                StopForGood(ex.Message);
                return;
            }
            catch (DiscordApiException ex) when (ex.StatusCode == System.Net.HttpStatusCode.Unauthorized)
            {
                StopForGood("Discord rejected the bot token (HTTP 401 on gateway/bot)");
                return;
            }
            catch (Exception ex) when (ex is WebSocketException or HttpRequestException or IOException or InvalidDataException or JsonException or DiscordApiException or OperationCanceledException)
            {
                LogConnectionFailed(logger, ex.GetType().Name, ex.Message);
                outcome = ConnectionOutcome.Resume(healthy: false);
            }
            catch (Exception ex)
            {
                // A bug, not a network or protocol problem: stop with the fatal line rather than fault the service silently.
                StopForGood($"unexpected {ex.GetType().Name}: {ex.Message}");
                return;
            }

            IsReady = false;
            if (readyAt is { } since && time.GetUtcNow() - since >= StableAfter)
            {
                unstableIdentifies = 0;
            }

            readyAt = null;
            failures = outcome.Healthy ? 0 : failures + 1;
            failedResumeConnects = resuming && !outcome.Healthy ? failedResumeConnects + 1 : 0;
            if (failedResumeConnects >= MaxFailedResumeConnects && sessionId is not null)
            {
                LogResumeGivenUp(logger, failedResumeConnects);
                ForgetSession();
                failedResumeConnects = 0;
            }

            var needsIdentify = sessionId is null;
            var maxUnstable = options.CurrentValue.MaxUnstableSessions;
            if (needsIdentify && unstableIdentifies >= maxUnstable)
            {
                StopForGood(
                    $"{unstableIdentifies} identifies in a row ended before the session became stable (invalid session op 9 or an " +
                    $"early disconnect; Discord:MaxUnstableSessions is {maxUnstable}). Identifying again would only burn the daily " +
                    "identify budget, and exhausting it resets the bot token");
                return;
            }

            var delay = outcome.Delay ?? (needsIdentify && unstableIdentifies > 0
                ? BackoffPolicy.Identify.Delay(unstableIdentifies)
                : BackoffPolicy.Reconnect.Delay(Math.Max(failures, 1)));
            LogReconnecting(logger, delay.TotalMilliseconds, sessionId is not null && outcome.TryResume);
            try
            {
                await Task.Delay(delay, time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task<ConnectionOutcome> RunConnectionAsync(CancellationToken stoppingToken)
    {
        var resuming = CanResume;
        var baseUrl = resuming ? resumeUrl! : await GetGatewayUrlAsync(stoppingToken);
        if (!resuming)
        {
            await EnsureIdentifyBudgetAsync(stoppingToken);
        }

        using var connection = new GatewayConnection(time);
        // Not linked to stoppingToken: on shutdown the close frame goes out first and the receive ends on the reply.
        using var connectionCts = new CancellationTokenSource(Timeout.InfiniteTimeSpan, time);
        var heartbeat = new HeartbeatState();
        Task? heartbeatTask = null;
        var healthy = false;
        await connection.ConnectAsync(WithQuery(baseUrl), stoppingToken);
        LogConnected(logger, resuming);

        // Until Hello arrives nothing else would end a silent connection: a timer cancels the receive.
        var helloTimeout = options.CurrentValue.HelloTimeout;
        using var helloTimer = new CancellationTokenSource(helloTimeout, time);
        var helloWatch = helloTimer.Token.Register(static state => ((CancellationTokenSource)state!).Cancel(), connectionCts);
        var stopWatch = connection.CloseCleanlyWhen(1000, "shutting down", connectionCts, stoppingToken);
        try
        {
            while (true)
            {
                GatewayIncomingFrame? frame;
                try
                {
                    frame = await connection.ReceiveAsync(connectionCts.Token);
                }
                catch (OperationCanceledException) when (heartbeatTask is null && helloTimer.IsCancellationRequested && !stoppingToken.IsCancellationRequested)
                {
                    LogNoHello(logger, helloTimeout.TotalSeconds);
                    await connection.CloseAsync(ResumableCloseCode, "no hello");
                    return ConnectionOutcome.Resume(healthy: false);
                }
                catch (OperationCanceledException) when (heartbeat.Zombie && !stoppingToken.IsCancellationRequested)
                {
                    LogZombie(logger);
                    await connection.CloseAsync(ResumableCloseCode, "zombie connection");
                    return ConnectionOutcome.Resume(healthy);
                }
                catch (WebSocketException ex) when (!stoppingToken.IsCancellationRequested)
                {
                    LogDropped(logger, ex.Message);
                    return ConnectionOutcome.Resume(healthy);
                }

                if (frame is null)
                {
                    // On shutdown this is the server's reply to our 1000.
                    stoppingToken.ThrowIfCancellationRequested();
                    return OnServerClose(connection, healthy);
                }

                switch (frame.Op)
                {
                    case GatewayOpCode.Hello:
                        var interval = HeartbeatInterval(frame);
                        await helloWatch.DisposeAsync();
                        heartbeatTask = HeartbeatLoopAsync(connection, heartbeat, interval, connectionCts);
                        if (resuming)
                        {
                            await SendResumeAsync(connection, connectionCts.Token);
                        }
                        else
                        {
                            await SendIdentifyAsync(connection, connectionCts.Token);
                        }

                        break;
                    case GatewayOpCode.HeartbeatAck:
                        heartbeat.Acknowledged();
                        break;
                    case GatewayOpCode.Heartbeat:
                        await SendHeartbeatAsync(connection, connectionCts.Token);
                        break;
                    case GatewayOpCode.Reconnect:
                        LogReconnectRequested(logger);
                        await connection.CloseAsync(ResumableCloseCode, "reconnect requested");
                        return ConnectionOutcome.Resume(healthy: true);
                    case GatewayOpCode.InvalidSession:
                        var resumable = frame.D is { ValueKind: JsonValueKind.True };
                        LogInvalidSession(logger, resumable);
                        await connection.CloseAsync(ResumableCloseCode, "invalid session");
                        if (resumable && sessionId is not null)
                        {
                            return ConnectionOutcome.Resume(healthy: true);
                        }

                        // Discord asks for a 1–5 s pause before identifying again; repeated invalidations wait longer
                        // (BackoffPolicy.Identify, chosen by the reconnect loop).
                        ForgetSession();
                        return ConnectionOutcome.NewSession(null);
                    case GatewayOpCode.Dispatch:
                        healthy |= await OnDispatchAsync(frame, heartbeat, baseUrl, stoppingToken);
                        break;
                }
            }
        }
        finally
        {
            await helloWatch.DisposeAsync();
            await stopWatch.DisposeAsync();
            await connectionCts.CancelAsync();
            if (stoppingToken.IsCancellationRequested)
            {
                // Waits for the clean close already under way; only sends 1000 itself if that never started.
                await connection.CloseAsync(1000, "shutting down");
            }

            if (heartbeatTask is not null)
            {
                await heartbeatTask;
            }
        }
    }

    private ConnectionOutcome OnServerClose(GatewayConnection connection, bool healthy)
    {
        var code = (int?)connection.CloseStatus ?? 0;
        LogServerClosed(logger, code, GatewayCloseCodes.Describe(code));
        if (GatewayCloseCodes.IsFatal(code))
        {
            throw new GatewayFatalException($"Discord closed the gateway with {code} ({GatewayCloseCodes.Describe(code)})", code);
        }

        if (GatewayCloseCodes.NeedsNewSession(code))
        {
            ForgetSession();
            return ConnectionOutcome.NewSession(null);
        }

        return ConnectionOutcome.Resume(healthy);
    }

    /// <summary>Hello's heartbeat_interval, or <see cref="InvalidDataException"/> (reconnect) when missing or out of range.</summary>
    private static TimeSpan HeartbeatInterval(GatewayIncomingFrame hello)
    {
        var payload = hello.D is { ValueKind: JsonValueKind.Object } d ? d.Deserialize(DiscordJsonContext.Default.HelloPayload) : null;
        var milliseconds = payload?.HeartbeatInterval;
        var interval = TimeSpan.FromMilliseconds(milliseconds ?? 0);
        if (interval < MinHeartbeatInterval || interval > MaxHeartbeatInterval)
        {
            throw new InvalidDataException(
                $"Hello with heartbeat_interval {milliseconds?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "missing"} ms " +
                $"(expected {MinHeartbeatInterval.TotalMilliseconds:0} ms to {MaxHeartbeatInterval.TotalMinutes:0} min).");
        }

        return interval;
    }

    /// <summary>
    /// READY's session id and resume URL, checked before anything is kept: a missing or absurd session id, or a resume
    /// URL that is not ws/wss, is <see cref="InvalidDataException"/> (reconnect); a missing resume URL falls back to
    /// the gateway URL this connection used.
    /// </summary>
    private static (string SessionId, Uri ResumeUrl) ValidateReady(ReadyPayload payload, Uri gateway)
    {
        if (string.IsNullOrWhiteSpace(payload.SessionId) || payload.SessionId.Length > MaxSessionIdLength)
        {
            throw new InvalidDataException("READY without a usable session_id.");
        }

        if (string.IsNullOrEmpty(payload.ResumeGatewayUrl))
        {
            return (payload.SessionId, gateway);
        }

        if (!Uri.TryCreate(payload.ResumeGatewayUrl, UriKind.Absolute, out var resume) || resume.Scheme is not ("ws" or "wss"))
        {
            throw new InvalidDataException("READY with a resume_gateway_url that is not an absolute ws:// or wss:// URL.");
        }

        return (payload.SessionId, resume);
    }

    private async Task<bool> OnDispatchAsync(GatewayIncomingFrame frame, HeartbeatState heartbeat, Uri gateway, CancellationToken stoppingToken)
    {
        if (frame.S is { } sequence)
        {
            Interlocked.Exchange(ref lastSequence, sequence);
        }

        var data = frame.D ?? default;
        var ready = false;
        switch (frame.T)
        {
            case "READY":
                var payload = (data.ValueKind == JsonValueKind.Object ? data.Deserialize(DiscordJsonContext.Default.ReadyPayload) : null)
                    ?? throw new InvalidDataException("READY without data.");
                var (readySessionId, readyResumeUrl) = ValidateReady(payload, gateway);
                Volatile.Write(ref sessionId, readySessionId);
                resumeUrl = readyResumeUrl;
                if (payload.Application is { } application && application.Id != options.CurrentValue.ApplicationId)
                {
                    LogApplicationMismatch(logger, application.Id, options.CurrentValue.ApplicationId);
                }

                IsReady = ready = true;
                readyAt = time.GetUtcNow();
                LogReady(logger, readySessionId);
                break;
            case "RESUMED":
                IsReady = ready = true;
                readyAt = time.GetUtcNow();
                LogResumed(logger, LastSequence);
                break;
        }

        if (frame.T is { } eventType)
        {
            var dispatch = new GatewayDispatch(eventType, frame.S, data, time.GetUtcNow());
            if (!queue.TryEnqueue(dispatch))
            {
                // Back-pressure: nothing is read until the workers make room, so ACKs wait unread in the socket.
                // The heartbeat task keeps beating and does not mistake that for a zombie connection.
                if (time.GetUtcNow() - lastQueueFullLog >= TimeSpan.FromMinutes(1))
                {
                    lastQueueFullLog = time.GetUtcNow();
                    LogQueueFull(logger, options.CurrentValue.DispatchQueueCapacity, eventType);
                }

                heartbeat.ReceiveStalled();
                try
                {
                    await queue.EnqueueAsync(dispatch, stoppingToken);
                }
                finally
                {
                    heartbeat.ReceiveResumed();
                }
            }
        }

        return ready;
    }

    private async Task HeartbeatLoopAsync(GatewayConnection connection, HeartbeatState state, TimeSpan interval, CancellationTokenSource connectionCts)
    {
        var token = connectionCts.Token;
        try
        {
            await Task.Delay(interval * Random.Shared.NextDouble(), time, token);
            while (!token.IsCancellationRequested)
            {
                if (!state.TryBeginBeat())
                {
                    state.Zombie = true;
                    await connectionCts.CancelAsync();
                    return;
                }

                await SendHeartbeatAsync(connection, token);
                await Task.Delay(interval, time, token);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException or ObjectDisposedException)
        {
            // The connection is ending; the receive loop decides what happens next.
        }
    }

    private Task SendHeartbeatAsync(GatewayConnection connection, CancellationToken cancellationToken) =>
        connection.SendAsync(GatewayOpCode.Heartbeat, JsonSerializer.SerializeToElement(LastSequence, DiscordJsonContext.Default.NullableInt64), cancellationToken);

    private async Task SendIdentifyAsync(GatewayConnection connection, CancellationToken cancellationToken)
    {
        await identifyBudget.TakeAsync(cancellationToken);
        unstableIdentifies++;
        var settings = options.CurrentValue;
        var identify = new IdentifyPayload(settings.Token ?? "", new IdentifyProperties(Environment.OSVersion.Platform.ToString().ToLowerInvariant(), "StudyBot", "StudyBot"), (int)settings.Intents);
        LogIdentifying(logger, (int)settings.Intents, identifyBudget.Current?.Remaining);
        await connection.SendAsync(GatewayOpCode.Identify, JsonSerializer.SerializeToElement(identify, DiscordJsonContext.Default.IdentifyPayload), cancellationToken);
    }

    private Task SendResumeAsync(GatewayConnection connection, CancellationToken cancellationToken)
    {
        var sequence = LastSequence;
        LogResuming(logger, sequence);
        var resume = new ResumePayload(options.CurrentValue.Token ?? "", sessionId!, sequence);
        return connection.SendAsync(GatewayOpCode.Resume, JsonSerializer.SerializeToElement(resume, DiscordJsonContext.Default.ResumePayload), cancellationToken);
    }

    /// <summary>
    /// gateway/bot's URL and session start limit, checked before anything is kept (as READY is): a missing answer or
    /// limit, or a URL that is not an absolute ws:// or wss:// URL, is <see cref="InvalidDataException"/> (reconnect
    /// with backoff), not a crash of the gateway service.
    /// </summary>
    private static (Uri Url, SessionStartLimit SessionStartLimit) ValidateGatewayBot(GatewayBotInfo? info)
    {
        if (info is null || !Uri.TryCreate(info.Url, UriKind.Absolute, out var url) || url.Scheme is not ("ws" or "wss"))
        {
            throw new InvalidDataException("gateway/bot answered without a url that is an absolute ws:// or wss:// URL.");
        }

        if (info.SessionStartLimit is null)
        {
            throw new InvalidDataException("gateway/bot answered without session_start_limit.");
        }

        return (url, info.SessionStartLimit);
    }

    private async Task<Uri> GetGatewayUrlAsync(CancellationToken cancellationToken)
    {
        if (options.CurrentValue.GatewayUrlOverride is { } overridden)
        {
            return overridden;
        }

        if (gatewayUrl is null)
        {
            var (url, sessionStartLimit) = ValidateGatewayBot(await rest.GetGatewayBotAsync(cancellationToken));
            identifyBudget.Refresh(sessionStartLimit);
            gatewayUrl = url;
        }

        return gatewayUrl;
    }

    private async Task EnsureIdentifyBudgetAsync(CancellationToken cancellationToken)
    {
        if (identifyBudget.NeedsRefresh)
        {
            var (url, sessionStartLimit) = ValidateGatewayBot(await rest.GetGatewayBotAsync(cancellationToken));
            identifyBudget.Refresh(sessionStartLimit);
            gatewayUrl ??= url;
        }

        var floor = options.CurrentValue.MinIdentifyRemaining;
        if (!identifyBudget.HasBudget(floor) && identifyBudget.Current is { } limit)
        {
            throw new GatewayFatalException(
                $"Refusing to identify: only {limit.Remaining} of {limit.Total} daily identifies remain (floor {floor}); " +
                $"the budget resets in {TimeSpan.FromMilliseconds(limit.ResetAfter)}. Exhausting it would reset the bot token.");
        }

        var maxPerHour = options.CurrentValue.MaxIdentifiesPerHour;
        var wait = identifyBudget.HourlyWait(maxPerHour);
        if (wait > TimeSpan.Zero)
        {
            LogHourlyIdentifyCap(logger, maxPerHour, wait.TotalMinutes);
            await Task.Delay(wait, time, cancellationToken);
        }
    }

    private void ForgetSession()
    {
        Volatile.Write(ref sessionId, null);
        resumeUrl = null;
        Interlocked.Exchange(ref lastSequence, NoSequence);
    }

    private void StopForGood(string reason)
    {
        FatalReason = reason;
        LogFatal(logger, reason);
        Environment.ExitCode = 1;
        lifetime.StopApplication();
    }

    private static Uri WithQuery(Uri url)
    {
        var builder = new UriBuilder(url) { Query = "v=10&encoding=json" };
        if (builder.Path.Length == 0)
        {
            builder.Path = "/";
        }

        return builder.Uri;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Gateway: {Attempts} resume attempts in a row failed before a working connection; giving the session up and identifying anew on the main gateway URL")]
    private static partial void LogResumeGivenUp(ILogger logger, int attempts);

    [LoggerMessage(Level = LogLevel.Information, Message = "Gateway connected (resuming: {Resuming})")]
    private static partial void LogConnected(ILogger logger, bool resuming);

    [LoggerMessage(Level = LogLevel.Information, Message = "Gateway READY, session {SessionId}")]
    private static partial void LogReady(ILogger logger, string sessionId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Gateway RESUMED at sequence {Sequence}")]
    private static partial void LogResumed(ILogger logger, long? sequence);

    [LoggerMessage(Level = LogLevel.Information, Message = "Identifying with intents {Intents} ({Remaining} identifies left today)")]
    private static partial void LogIdentifying(ILogger logger, int intents, int? remaining);

    [LoggerMessage(Level = LogLevel.Information, Message = "Resuming session at sequence {Sequence}")]
    private static partial void LogResuming(ILogger logger, long? sequence);

    [LoggerMessage(Level = LogLevel.Warning, Message = "No heartbeat ACK since the last beat: zombie connection, reconnecting to resume")]
    private static partial void LogZombie(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Dispatch queue full ({Capacity}); receiving paused until the workers make room (at {EventType}; logged at most once a minute)")]
    private static partial void LogQueueFull(ILogger logger, int capacity, string eventType);

    [LoggerMessage(Level = LogLevel.Warning, Message = "No Hello from the gateway within {TimeoutSeconds} s of connecting; reconnecting")]
    private static partial void LogNoHello(ILogger logger, double timeoutSeconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{MaxPerHour} identifies in the last hour (Discord:MaxIdentifiesPerHour); waiting {WaitMinutes:0.0} min before the next")]
    private static partial void LogHourlyIdentifyCap(ILogger logger, int maxPerHour, double waitMinutes);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Gateway socket dropped: {Reason}")]
    private static partial void LogDropped(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Gateway connection failed ({ErrorType}): {Reason}")]
    private static partial void LogConnectionFailed(ILogger logger, string errorType, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Gateway asked us to reconnect (op 7)")]
    private static partial void LogReconnectRequested(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Gateway invalidated the session (op 9, resumable: {Resumable})")]
    private static partial void LogInvalidSession(ILogger logger, bool resumable);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Gateway closed by Discord with {Code} ({Meaning})")]
    private static partial void LogServerClosed(ILogger logger, int code, string meaning);

    [LoggerMessage(Level = LogLevel.Information, Message = "Reconnecting in {DelayMs} ms (resume: {Resume})")]
    private static partial void LogReconnecting(ILogger logger, double delayMs, bool resume);

    [LoggerMessage(Level = LogLevel.Warning, Message = "READY names application {ReadyId} but Discord:ApplicationId is {ConfiguredId}")]
    private static partial void LogApplicationMismatch(ILogger logger, ulong readyId, ulong configuredId);

    [LoggerMessage(Level = LogLevel.Critical, Message = "Discord gateway stopped for good: {Reason}. Not reconnecting; stopping the bot with exit code 1.")]
    private static partial void LogFatal(ILogger logger, string reason);
}
