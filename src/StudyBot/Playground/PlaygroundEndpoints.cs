using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Net.Http.Headers;
using StudyBot.FakeDiscord.Model;

namespace StudyBot.Playground;

/// <summary>The page's JSON API under /api (loopback only, no auth). Errors come back as <c>{"error": "..."}</c>:
/// 400 for what Discord's client would not let a member send, 404 for unknown ids.</summary>
internal static class PlaygroundEndpoints
{
    public static void Map(IEndpointRouteBuilder app, PlaygroundApi api)
    {
        var group = app.MapGroup("/api");
        group.MapGet("/state", ctx => Json(ctx, 200, api.State()));
        group.MapGet("/channels/{channelId}/messages", ctx =>
        {
            ulong? member = ulong.TryParse(ctx.Request.Query["member_id"], NumberStyles.None, CultureInfo.InvariantCulture, out var m) ? m : null;
            return Json(ctx, 200, api.Messages(RouteId(ctx, "channelId"), member));
        });
        group.MapPost("/interactions/command", Handle(api.RunCommandAsync));
        group.MapPost("/interactions/autocomplete", Handle(api.AutocompleteAsync));
        group.MapPost("/interactions/button", Handle(api.ClickButtonAsync));
        group.MapPost("/interactions/select", Handle(api.SelectAsync));
        group.MapPost("/interactions/modal", Handle(api.SubmitModalAsync));
        group.MapPost("/attachments", async ctx =>
        {
            if (!ctx.Request.HasFormContentType)
            {
                await Json(ctx, 400, Error("Upload the file as multipart/form-data in a field named 'file'."));
                return;
            }
            var form = await ctx.Request.ReadFormAsync(ctx.RequestAborted);
            if (form.Files.Count == 0)
            {
                await Json(ctx, 400, Error("The upload holds no file."));
                return;
            }
            var file = form.Files[0];
            using var buffer = new MemoryStream();
            await file.CopyToAsync(buffer, ctx.RequestAborted);
            try
            {
                await Json(ctx, 200, api.Upload(file.FileName, buffer.ToArray(), string.IsNullOrEmpty(file.ContentType) ? null : file.ContentType));
            }
            catch (FakeDiscordException e)
            {
                await Json(ctx, 400, Error(e.Message));
            }
        });
        group.MapGet("/attachments/{attachmentId}/{fileName}", async ctx =>
        {
            var attachment = api.Attachment(RouteId(ctx, "attachmentId"));
            if (attachment is null || attachment.Filename != (ctx.GetRouteValue("fileName") as string))
            {
                await Json(ctx, 404, Error("No such attachment."));
                return;
            }
            ctx.Response.ContentType = attachment.ContentType;
            ctx.Response.ContentLength = attachment.Size;
            if (ctx.Request.Query["download"] == "1")
            {
                // Quoted and escaped, plus filename* (RFC 6266) so quotes and non-ASCII names survive.
                var disposition = new ContentDispositionHeaderValue("attachment");
                disposition.SetHttpFileName(attachment.Filename);
                ctx.Response.Headers.ContentDisposition = disposition.ToString();
            }
            await ctx.Response.Body.WriteAsync(attachment.Content, ctx.RequestAborted);
        });
        group.MapGet("/events", new PlaygroundEventStream(api).HandleAsync);
    }

    private static RequestDelegate Handle(Func<JsonObject, CancellationToken, Task<JsonObject>> run) => async ctx =>
    {
        JsonObject body;
        try
        {
            body = await JsonNode.ParseAsync(ctx.Request.Body, cancellationToken: ctx.RequestAborted) as JsonObject
                ?? throw new JsonException("Expected a JSON object.");
        }
        catch (JsonException e)
        {
            await Json(ctx, 400, Error("Invalid JSON: " + e.Message));
            return;
        }
        try
        {
            await Json(ctx, 200, await run(body, ctx.RequestAborted));
        }
        catch (FakeDiscordException e)
        {
            await Json(ctx, 400, Error(e.Message));
        }
    };

    private static ulong RouteId(HttpContext ctx, string name) =>
        ulong.TryParse(ctx.GetRouteValue(name) as string, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : 0;

    private static JsonObject Error(string message) => new() { ["error"] = message };

    internal static async Task Json(HttpContext ctx, int status, JsonNode body)
    {
        ctx.Response.StatusCode = status;
        ctx.Response.ContentType = "application/json; charset=utf-8";
        ctx.Response.Headers.CacheControl = "no-store";
        await ctx.Response.WriteAsync(body.ToJsonString(), ctx.RequestAborted);
    }
}
