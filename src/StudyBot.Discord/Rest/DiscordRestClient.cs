using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StudyBot.Discord.Commands;
using StudyBot.Discord.Json;

namespace StudyBot.Discord.Rest;

/// <summary>
/// Discord REST v10. Every call goes through the per-route rate limiter; 429s are waited out (at most
/// <see cref="DiscordOptions.MaxRateLimitRetries"/> times, and only when the wait is within
/// <see cref="DiscordOptions.MaxRetryAfter"/>), 5xx retried twice for idempotent methods only, and any other failure
/// thrown as <see cref="DiscordApiException"/> at once (invalid requests count towards an IP ban).
/// </summary>
public sealed partial class DiscordRestClient
{
    /// <summary>The named <see cref="HttpClient"/> this client asks <see cref="IHttpClientFactory"/> for.</summary>
    public const string HttpClientName = "StudyBot.Discord";

    private const int MaxServerErrorRetries = 2;

    private readonly IHttpClientFactory httpClientFactory;
    private readonly IOptionsMonitor<DiscordOptions> options;
    private readonly DiscordRateLimiter rateLimiter;
    private readonly TimeProvider time;
    private readonly ILogger<DiscordRestClient> logger;

    internal DiscordRestClient(
        IHttpClientFactory httpClientFactory,
        IOptionsMonitor<DiscordOptions> options,
        DiscordRateLimiter rateLimiter,
        TimeProvider time,
        ILogger<DiscordRestClient> logger)
    {
        this.httpClientFactory = httpClientFactory;
        this.options = options;
        this.rateLimiter = rateLimiter;
        this.time = time;
        this.logger = logger;
    }

    private ulong ApplicationId => options.CurrentValue.ApplicationId;

    public Task<GatewayBotInfo> GetGatewayBotAsync(CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Get, "gateway/bot", null, DiscordJsonContext.Default.GatewayBotInfo, cancellationToken);

    public async Task<IReadOnlyList<ApplicationCommand>> GetGlobalCommandsAsync(CancellationToken cancellationToken) =>
        await SendAsync(HttpMethod.Get, $"applications/{ApplicationId}/commands", null, DiscordJsonContext.Default.ListApplicationCommand, cancellationToken);

    public async Task<IReadOnlyList<ApplicationCommand>> GetGuildCommandsAsync(ulong guildId, CancellationToken cancellationToken) =>
        await SendAsync(HttpMethod.Get, $"applications/{ApplicationId}/guilds/{guildId}/commands", null, DiscordJsonContext.Default.ListApplicationCommand, cancellationToken);

    public async Task<IReadOnlyList<ApplicationCommand>> BulkOverwriteGlobalCommandsAsync(IReadOnlyList<ApplicationCommand> commands, CancellationToken cancellationToken) =>
        await SendAsync(HttpMethod.Put, $"applications/{ApplicationId}/commands", Json(commands.ToList(), DiscordJsonContext.Default.ListApplicationCommand), DiscordJsonContext.Default.ListApplicationCommand, cancellationToken);

    public async Task<IReadOnlyList<ApplicationCommand>> BulkOverwriteGuildCommandsAsync(ulong guildId, IReadOnlyList<ApplicationCommand> commands, CancellationToken cancellationToken) =>
        await SendAsync(HttpMethod.Put, $"applications/{ApplicationId}/guilds/{guildId}/commands", Json(commands.ToList(), DiscordJsonContext.Default.ListApplicationCommand), DiscordJsonContext.Default.ListApplicationCommand, cancellationToken);

    /// <summary>The first (and only) response to an interaction; must arrive within 3 s of the interaction.</summary>
    public Task CreateInteractionResponseAsync(ulong interactionId, string interactionToken, InteractionCallback callback, CancellationToken cancellationToken)
    {
        var files = callback.Data?.Files ?? [];
        var body = callback with { Data = callback.Data is { } data ? data with { Attachments = WithFileReferences(data.Attachments, files) } : null };
        return SendAsync(HttpMethod.Post, $"interactions/{interactionId}/{interactionToken}/callback", Content(body, DiscordJsonContext.Default.InteractionCallback, files), cancellationToken);
    }

    public Task<DiscordMessage> EditOriginalResponseAsync(string interactionToken, MessageRequest message, CancellationToken cancellationToken) =>
        SendMessageAsync(HttpMethod.Patch, $"webhooks/{ApplicationId}/{interactionToken}/messages/@original", message, cancellationToken);

    /// <summary>The original response (its id, for later edits as a channel message once the token has expired).</summary>
    public Task<DiscordMessage> GetOriginalResponseAsync(string interactionToken, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Get, $"webhooks/{ApplicationId}/{interactionToken}/messages/@original", null, DiscordJsonContext.Default.DiscordMessage, cancellationToken);

    public Task DeleteOriginalResponseAsync(string interactionToken, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Delete, $"webhooks/{ApplicationId}/{interactionToken}/messages/@original", null, cancellationToken);

    public Task<DiscordMessage> CreateFollowupMessageAsync(string interactionToken, MessageRequest message, CancellationToken cancellationToken) =>
        SendMessageAsync(HttpMethod.Post, $"webhooks/{ApplicationId}/{interactionToken}", message, cancellationToken);

    public Task<DiscordMessage> CreateMessageAsync(ulong channelId, MessageRequest message, CancellationToken cancellationToken) =>
        SendMessageAsync(HttpMethod.Post, $"channels/{channelId}/messages", message, cancellationToken);

    public Task<DiscordMessage> EditMessageAsync(ulong channelId, ulong messageId, MessageRequest message, CancellationToken cancellationToken) =>
        SendMessageAsync(HttpMethod.Patch, $"channels/{channelId}/messages/{messageId}", message, cancellationToken);

    public Task<DiscordMessage> GetMessageAsync(ulong channelId, ulong messageId, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Get, $"channels/{channelId}/messages/{messageId}", null, DiscordJsonContext.Default.DiscordMessage, cancellationToken);

    public Task<DiscordChannel> GetChannelAsync(ulong channelId, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Get, $"channels/{channelId}", null, DiscordJsonContext.Default.DiscordChannel, cancellationToken);

    public Task<DiscordChannel> StartThreadFromMessageAsync(ulong channelId, ulong messageId, ThreadCreateRequest thread, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Post, $"channels/{channelId}/messages/{messageId}/threads", Json(thread, DiscordJsonContext.Default.ThreadCreateRequest), DiscordJsonContext.Default.DiscordChannel, cancellationToken);

    /// <summary>A thread without a starter message; in a forum channel set <see cref="ThreadCreateRequest.Message"/>.</summary>
    public Task<DiscordChannel> StartThreadAsync(ulong channelId, ThreadCreateRequest thread, CancellationToken cancellationToken)
    {
        var files = thread.Message?.Files ?? [];
        var body = thread.Message is { } message ? thread with { Message = message with { Attachments = WithFileReferences(message.Attachments, files) } } : thread;
        return SendAsync(HttpMethod.Post, $"channels/{channelId}/threads", Content(body, DiscordJsonContext.Default.ThreadCreateRequest, files), DiscordJsonContext.Default.DiscordChannel, cancellationToken);
    }

    public Task<GuildScheduledEvent> CreateGuildScheduledEventAsync(ulong guildId, GuildScheduledEventRequest scheduledEvent, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Post, $"guilds/{guildId}/scheduled-events", Json(scheduledEvent, DiscordJsonContext.Default.GuildScheduledEventRequest), DiscordJsonContext.Default.GuildScheduledEvent, cancellationToken);

    public Task<GuildScheduledEvent> ModifyGuildScheduledEventAsync(ulong guildId, ulong eventId, GuildScheduledEventRequest changes, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Patch, $"guilds/{guildId}/scheduled-events/{eventId}", Json(changes, DiscordJsonContext.Default.GuildScheduledEventRequest), DiscordJsonContext.Default.GuildScheduledEvent, cancellationToken);

    private Task<DiscordMessage> SendMessageAsync(HttpMethod method, string path, MessageRequest message, CancellationToken cancellationToken)
    {
        var body = message with { Attachments = WithFileReferences(message.Attachments, message.Files) };
        return SendAsync(method, path, Content(body, DiscordJsonContext.Default.MessageRequest, message.Files), DiscordJsonContext.Default.DiscordMessage, cancellationToken);
    }

    private static IReadOnlyList<AttachmentReference>? WithFileReferences(IReadOnlyList<AttachmentReference>? existing, IReadOnlyList<FileUpload> files)
    {
        if (files.Count == 0)
        {
            return existing;
        }

        var references = new List<AttachmentReference>(existing ?? []);
        references.AddRange(files.Select((file, index) => new AttachmentReference(index, file.FileName, file.Description)));
        return references;
    }

    private static Func<HttpContent> Json<T>(T body, JsonTypeInfo<T> typeInfo) => () => JsonContent.Create(body, typeInfo);

    private static Func<HttpContent> Content<T>(T body, JsonTypeInfo<T> typeInfo, IReadOnlyList<FileUpload> files)
    {
        if (files.Count == 0)
        {
            return Json(body, typeInfo);
        }

        // Content is rebuilt per attempt: an HttpContent cannot be sent twice.
        return () =>
        {
            var multipart = new MultipartFormDataContent();
            var payload = new StringContent(JsonSerializer.Serialize(body, typeInfo), System.Text.Encoding.UTF8, "application/json");
            multipart.Add(payload, "payload_json");
            for (var i = 0; i < files.Count; i++)
            {
                var part = new ReadOnlyMemoryContent(files[i].Content);
                part.Headers.ContentType = MediaTypeHeaderValue.Parse(files[i].ContentType);
                multipart.Add(part, $"files[{i}]", files[i].FileName);
            }

            return multipart;
        };
    }

    private async Task<T> SendAsync<T>(HttpMethod method, string path, Func<HttpContent>? content, JsonTypeInfo<T> responseType, CancellationToken cancellationToken)
    {
        using var response = await SendCoreAsync(method, path, content, cancellationToken);
        var result = await response.Content.ReadFromJsonAsync(responseType, cancellationToken);
        return result ?? throw new DiscordApiException($"Discord returned an empty body for {RateLimitRoute.For(method, path).Display}.");
    }

    private async Task SendAsync(HttpMethod method, string path, Func<HttpContent>? content, CancellationToken cancellationToken)
    {
        using var response = await SendCoreAsync(method, path, content, cancellationToken);
    }

    private async Task<HttpResponseMessage> SendCoreAsync(HttpMethod method, string path, Func<HttpContent>? content, CancellationToken cancellationToken)
    {
        var route = RateLimitRoute.For(method, path);
        var settings = options.CurrentValue;
        var idempotent = method == HttpMethod.Get || method == HttpMethod.Put || method == HttpMethod.Delete;
        var rateLimitRetries = 0;
        var serverRetries = 0;
        var client = httpClientFactory.CreateClient(HttpClientName);
        while (true)
        {
            await rateLimiter.WaitAsync(route, settings.MaxRetryAfter, cancellationToken);
            using var request = new HttpRequestMessage(method, new Uri(BaseUri(settings), path)) { Content = content?.Invoke() };
            request.Headers.TryAddWithoutValidation("Authorization", "Bot " + settings.Token);
            request.Headers.TryAddWithoutValidation("User-Agent", $"DiscordBot ({settings.UserAgentUrl}, {settings.UserAgentVersion})");

            HttpResponseMessage response;
            var started = time.GetTimestamp();
            try
            {
                response = await client.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken);
            }
            catch (HttpRequestException ex) when (idempotent && serverRetries < MaxServerErrorRetries)
            {
                rateLimiter.Ended(route);
                LogTransportRetry(logger, route.Display, ex.Message);
                await Task.Delay(ServerBackoff(serverRetries++), time, cancellationToken);
                continue;
            }
            catch
            {
                rateLimiter.Ended(route);
                throw;
            }

            if (logger.IsEnabled(LogLevel.Debug))
            {
                var elapsedMs = time.GetElapsedTime(started).TotalMilliseconds;
                LogRequest(logger, route.Display, (int)response.StatusCode, elapsedMs);
            }

            var headers = RateLimitHeaders.From(response.Headers);
            if (headers.GarbageResetAfter is { } garbageReset)
            {
                LogGarbageWait(logger, route.Display, "X-RateLimit-Reset-After", garbageReset, RateLimitHeaders.GarbageWait.TotalSeconds);
            }

            rateLimiter.Update(route, headers);
            if (response.IsSuccessStatusCode)
            {
                return response;
            }

            using (response)
            {
                var error = await ReadErrorAsync(response, cancellationToken);
                if (response.StatusCode == HttpStatusCode.TooManyRequests)
                {
                    // retry_after is untrusted input: NaN, negative or absurd values (over an hour; 1e300 would overflow
                    // a TimeSpan) are made safe first, and a wait over Discord:MaxRetryAfter fails now instead of leaving
                    // the caller stuck (the limiter keeps at most that long of it).
                    if (error?.RetryAfter is { } rawRetryAfter && RateLimitHeaders.IsGarbage(rawRetryAfter))
                    {
                        LogGarbageWait(logger, route.Display, "retry_after", rawRetryAfter, RateLimitHeaders.GarbageWait.TotalSeconds);
                    }

                    var retryAfter = (error?.RetryAfter is { } bodySeconds ? RateLimitHeaders.Seconds(bodySeconds) : null)
                        ?? headers.ResetAfter ?? TimeSpan.FromSeconds(1);
                    var global = error?.Global == true || headers.Global;
                    rateLimiter.TooManyRequests(route, headers, retryAfter, global);
                    if (retryAfter > settings.MaxRetryAfter)
                    {
                        LogRetryAfterTooLong(logger, route.Display, retryAfter.TotalSeconds, settings.MaxRetryAfter.TotalSeconds, global);
                        throw Failure(response.StatusCode, error, route, retryAfter);
                    }

                    if (rateLimitRetries++ >= settings.MaxRateLimitRetries)
                    {
                        LogRateLimitGiveUp(logger, route.Display, rateLimitRetries - 1);
                        throw Failure(response.StatusCode, error, route, retryAfter);
                    }

                    LogRateLimited(logger, route.Display, retryAfter.TotalSeconds, global, headers.Scope ?? "user");
                    continue;
                }

                if ((int)response.StatusCode >= 500 && idempotent && serverRetries < MaxServerErrorRetries)
                {
                    LogServerRetry(logger, route.Display, (int)response.StatusCode);
                    await Task.Delay(ServerBackoff(serverRetries++), time, cancellationToken);
                    continue;
                }

                throw Failure(response.StatusCode, error, route);
            }
        }
    }

    private static Uri BaseUri(DiscordOptions settings)
    {
        var text = settings.ApiBaseUrl.ToString();
        return text.EndsWith('/') ? settings.ApiBaseUrl : new Uri(text + "/");
    }

    private static TimeSpan ServerBackoff(int attempt) =>
        TimeSpan.FromMilliseconds(500 * Math.Pow(2, attempt) * (0.8 + (Random.Shared.NextDouble() * 0.4)));

    private static DiscordApiException Failure(HttpStatusCode status, DiscordErrorBody? error, RateLimitRoute route, TimeSpan? retryAfter = null) =>
        new(status, error?.Code, error?.Message, error?.Errors, route.Display) { RetryAfter = retryAfter };

    private static async Task<DiscordErrorBody?> ReadErrorAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            return text.Length == 0 ? null : JsonSerializer.Deserialize(text, DiscordJsonContext.Default.DiscordErrorBody);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Replaces HttpClient's own request logging, which would print tokens from the URL.</summary>
    [LoggerMessage(Level = LogLevel.Debug, Message = "Discord {Route} answered {Status} in {ElapsedMs} ms")]
    private static partial void LogRequest(ILogger logger, string route, int status, double elapsedMs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rate limited on {Route}: waiting {RetryAfterSeconds} s (global {Global}, scope {Scope})")]
    private static partial void LogRateLimited(ILogger logger, string route, double retryAfterSeconds, bool global, string scope);

    [LoggerMessage(Level = LogLevel.Error, Message = "Rate limited on {Route} for {RetryAfterSeconds} s, over Discord:MaxRetryAfter ({MaxSeconds} s): failing now instead of waiting (global {Global})")]
    private static partial void LogRetryAfterTooLong(ILogger logger, string route, double retryAfterSeconds, double maxSeconds, bool global);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Discord sent {Field} = {Seconds} s on {Route}, too long to be a rate limit: taken as {FallbackSeconds} s")]
    private static partial void LogGarbageWait(ILogger logger, string route, string field, double seconds, double fallbackSeconds);

    [LoggerMessage(Level = LogLevel.Error, Message = "Giving up on {Route} after {Retries} rate-limit retries")]
    private static partial void LogRateLimitGiveUp(ILogger logger, string route, int retries);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Discord answered {Status} on {Route}; retrying")]
    private static partial void LogServerRetry(ILogger logger, string route, int status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Request {Route} failed in transport ({Reason}); retrying")]
    private static partial void LogTransportRetry(ILogger logger, string route, string reason);
}
