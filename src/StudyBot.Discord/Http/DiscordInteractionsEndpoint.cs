using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StudyBot.Discord.Interactions;
using StudyBot.Discord.Json;
using StudyBot.Discord.Rest;

namespace StudyBot.Discord.Http;

/// <summary>
/// The HTTP interactions endpoint (Mode = Http): verifies the Ed25519 signature and timestamp (401 otherwise),
/// answers PING, and hands everything else to the <see cref="InteractionDispatcher"/>, answering inline when the
/// handler (or the automatic defer) responds in time and with 202 when the response goes through the callback.
/// </summary>
public static partial class DiscordInteractionsEndpoint
{
    private const int MaxBodyBytes = 1024 * 1024;
    private static readonly TimeSpan InlineWait = TimeSpan.FromMilliseconds(2800);

    public static IEndpointConventionBuilder MapDiscordInteractions(this IEndpointRouteBuilder endpoints, string pattern = "/interactions") =>
        endpoints.MapPost(pattern, HandleAsync);

    private static async Task HandleAsync(HttpContext http)
    {
        var services = http.RequestServices;
        var time = services.GetRequiredService<TimeProvider>();
        var receivedAt = time.GetUtcNow();
        var settings = services.GetRequiredService<IOptionsMonitor<DiscordOptions>>().CurrentValue;
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DiscordInteractionsEndpoint).FullName!);

        var body = await ReadBodyAsync(http.Request, http.RequestAborted);
        if (body is null)
        {
            http.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            return;
        }

        var timestamp = http.Request.Headers["X-Signature-Timestamp"].ToString();
        var signature = http.Request.Headers["X-Signature-Ed25519"].ToString();
        var verifier = services.GetRequiredService<DiscordSignatureVerifier>();
        if (!verifier.Verify(timestamp, body, signature))
        {
            LogRejected(logger, "bad or missing signature");
            http.Response.StatusCode = StatusCodes.Status401Unauthorized;
            return;
        }

        if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var unixSeconds)
            || (receivedAt - DateTimeOffset.FromUnixTimeSeconds(unixSeconds)).Duration() > settings.MaxSignatureAge)
        {
            LogRejected(logger, "stale timestamp");
            http.Response.StatusCode = StatusCodes.Status401Unauthorized;
            return;
        }

        JsonElement payload;
        try
        {
            using var document = JsonDocument.Parse(body);
            payload = document.RootElement.Clone();
        }
        catch (JsonException)
        {
            await WriteBadRequestAsync(http, "The request body is not valid JSON.");
            return;
        }

        if (payload.ValueKind != JsonValueKind.Object)
        {
            LogRejected(logger, "body is not a JSON object");
            await WriteBadRequestAsync(http, "The request body must be a JSON object (an interaction).");
            return;
        }

        var interactionType = 0;
        if (payload.TryGetProperty("type", out var type)
            && !(type.ValueKind == JsonValueKind.Number && type.TryGetInt32(out interactionType)))
        {
            LogRejected(logger, "interaction type is not an integer");
            await WriteBadRequestAsync(http, "The interaction's \"type\" must be an integer.");
            return;
        }

        if (interactionType == 1)
        {
            await WriteCallbackAsync(http, new InteractionCallback(InteractionCallbackType.Pong));
            return;
        }

        var dispatcher = services.GetRequiredService<InteractionDispatcher>();
        var responder = new InlineInitialResponder(services.GetRequiredService<DiscordRestClient>(), time);
        var stopping = services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;

        try
        {
            // Dispatch only starts the handler, which outlives this request when slow: it runs until done or the host stops.
            _ = dispatcher.DispatchAsync(payload, receivedAt, responder, stopping);
            var answered = await Task.WhenAny(responder.Response, Task.Delay(InlineWait, time, http.RequestAborted));
            if ((answered == responder.Response || !responder.Close()) && await responder.Response is { } callback)
            {
                await WriteInlineAsync(http, responder, callback);
                return;
            }

            http.Response.StatusCode = StatusCodes.Status202Accepted;
        }
        finally
        {
            // Whatever happened above, a handler waiting on its inline answer is released (no-op once written or failed).
            responder.Finished();
        }
    }

    /// <summary>Sends the inline answer in full before the responder lets the handler go on to follow-ups.</summary>
    private static async Task WriteInlineAsync(HttpContext http, InlineInitialResponder responder, InteractionCallback callback)
    {
        try
        {
            var body = JsonSerializer.SerializeToUtf8Bytes(callback, DiscordJsonContext.Default.InteractionCallback);
            http.Response.StatusCode = StatusCodes.Status200OK;
            http.Response.ContentType = "application/json";
            http.Response.ContentLength = body.Length;
            await http.Response.Body.WriteAsync(body, http.RequestAborted);
            await http.Response.CompleteAsync();
            responder.Written();
        }
        catch (Exception ex)
        {
            // Every failure releases the waiting handler; Discord hanging up is expected, anything else is rethrown.
            responder.WriteFailed(ex);
            if (ex is not (IOException or OperationCanceledException or InvalidOperationException))
            {
                throw;
            }
        }
    }

    private static async Task<byte[]?> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > MaxBodyBytes)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > MaxBodyBytes)
            {
                return null;
            }
        }

        return buffer.ToArray();
    }

    private static async Task WriteBadRequestAsync(HttpContext http, string message)
    {
        http.Response.StatusCode = StatusCodes.Status400BadRequest;
        http.Response.ContentType = "text/plain; charset=utf-8";
        await http.Response.WriteAsync(message, http.RequestAborted);
    }

    private static async Task WriteCallbackAsync(HttpContext http, InteractionCallback callback)
    {
        http.Response.StatusCode = StatusCodes.Status200OK;
        http.Response.ContentType = "application/json";
        await JsonSerializer.SerializeAsync(http.Response.Body, callback, DiscordJsonContext.Default.InteractionCallback, http.RequestAborted);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Interaction request rejected: {Reason}")]
    private static partial void LogRejected(ILogger logger, string reason);
}
