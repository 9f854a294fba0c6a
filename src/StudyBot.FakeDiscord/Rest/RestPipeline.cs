using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using StudyBot.FakeDiscord.State;

namespace StudyBot.FakeDiscord.Rest;

/// <summary>Middleware for everything under /api/v10: bot auth, rate-limit headers and 429s, and Discord-shaped errors.</summary>
internal sealed class RestPipeline(FakeWorld world, RateLimiter limiter)
{
    public const string Prefix = "/api/v10";

    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        if (!context.Request.Path.StartsWithSegments(Prefix, out var rest))
        {
            await next(context);
            return;
        }
        lock (world.Gate)
        {
            world.RestRequests++;
        }
        try
        {
            var template = (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? "";
            template = template.StartsWith(Prefix, StringComparison.Ordinal) ? template[Prefix.Length..] : template;
            var tokenRoute = template.StartsWith("/interactions/", StringComparison.Ordinal)
                || template.StartsWith("/webhooks/", StringComparison.Ordinal);

            if (!Authorized(context, tokenRoute))
            {
                throw new DiscordApiException(401, 0, "401: Unauthorized");
            }

            var decision = limiter.Check(context.Request.Method, context.Request.Method + " " + rest.Value,
                template, MajorParameter(context), tokenRoute);
            WriteHeaders(context.Response, decision);
            if (decision.Limited)
            {
                lock (world.Gate)
                {
                    world.RateLimitedResponses++;
                    world.InvalidRequests++;
                }
                var retry = Math.Round(decision.RetryAfter.TotalSeconds, 3);
                context.Response.Headers["Retry-After"] = Math.Max(1, (int)Math.Ceiling(retry)).ToString(CultureInfo.InvariantCulture);
                context.Response.Headers["X-RateLimit-Scope"] = decision.Scope;
                if (decision.Global)
                {
                    context.Response.Headers["X-RateLimit-Global"] = "true";
                }
                await Responses.Json(context, 429, new JsonObject
                {
                    ["message"] = "You are being rate limited.",
                    ["retry_after"] = retry,
                    ["global"] = decision.Global,
                });
                return;
            }
            await next(context);
        }
        catch (DiscordApiException error) when (!context.Response.HasStarted)
        {
            if (error.Status is 401 or 403)
            {
                lock (world.Gate)
                {
                    world.InvalidRequests++;
                }
            }
            await Responses.Error(context, error);
        }
        catch (BadHttpRequestException) when (!context.Response.HasStarted)
        {
            await Responses.Error(context, new DiscordApiException(413, 40005, "Request entity too large"));
        }
        catch (InvalidDataException) when (!context.Response.HasStarted)
        {
            await Responses.Error(context, new DiscordApiException(400, 50035, "Invalid Form Body"));
        }
        catch (Exception e) when (!context.Response.HasStarted && e is not OperationCanceledException)
        {
            // A bug in the fake must still look like an HTTP answer, and say what broke.
            await Responses.Error(context, new DiscordApiException(500, 0, "500: Internal Server Error (fake: " + e.GetType().Name + ": " + e.Message + ")"));
        }
    }

    private bool Authorized(HttpContext context, bool tokenRoute)
    {
        var header = context.Request.Headers.Authorization.ToString();
        if (string.IsNullOrEmpty(header))
        {
            // Interaction callbacks and webhook calls authenticate with the token in the URL.
            return tokenRoute;
        }
        return string.Equals(header, "Bot " + world.Options.BotToken, StringComparison.Ordinal);
    }

    private static string? MajorParameter(HttpContext context)
    {
        var values = context.Request.RouteValues;
        if (values.TryGetValue("channelId", out var channel))
        {
            return "c" + channel;
        }
        if (values.TryGetValue("guildId", out var guild))
        {
            return "g" + guild;
        }
        if (values.TryGetValue("token", out var token))
        {
            return "w" + values.GetValueOrDefault("applicationId") + "/" + token;
        }
        if (values.TryGetValue("interactionId", out var interaction))
        {
            return "i" + interaction;
        }
        return null;
    }

    private static void WriteHeaders(HttpResponse response, RateLimitDecision d)
    {
        if (d.Global && d.Limited)
        {
            return;
        }
        var headers = response.Headers;
        headers["X-RateLimit-Limit"] = d.Limit.ToString(CultureInfo.InvariantCulture);
        headers["X-RateLimit-Remaining"] = d.Remaining.ToString(CultureInfo.InvariantCulture);
        headers["X-RateLimit-Reset"] = (d.Reset.ToUnixTimeMilliseconds() / 1000.0).ToString("0.000", CultureInfo.InvariantCulture);
        headers["X-RateLimit-Reset-After"] = Math.Max(0, d.ResetAfter.TotalSeconds).ToString("0.000", CultureInfo.InvariantCulture);
        if (d.Bucket is not null)
        {
            headers["X-RateLimit-Bucket"] = d.Bucket;
        }
    }
}
