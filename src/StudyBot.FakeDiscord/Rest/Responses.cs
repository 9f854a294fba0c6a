using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace StudyBot.FakeDiscord.Rest;

internal static class Responses
{
    public static Task Json(HttpContext context, int status, JsonNode? body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(body?.ToJsonString() ?? "null", context.RequestAborted);
    }

    public static Task NoContent(HttpContext context)
    {
        context.Response.StatusCode = 204;
        return Task.CompletedTask;
    }

    public static Task Error(HttpContext context, DiscordApiException error)
    {
        var body = new JsonObject { ["message"] = error.Message, ["code"] = error.Code };
        if (error.Errors is not null)
        {
            body["errors"] = error.Errors.DeepClone();
        }
        return Json(context, error.Status, body);
    }

    /// <summary>A snowflake route value; Discord answers a malformed one with 50035.</summary>
    public static ulong Snowflake(HttpContext context, string name)
    {
        var raw = context.GetRouteValue(name) as string;
        if (ulong.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
        {
            return id;
        }
        var errors = new FormErrors();
        errors.Add(name, "NUMBER_TYPE_COERCE", $"Value \"{raw}\" is not snowflake.");
        throw DiscordApiException.InvalidForm(errors.Tree);
    }

    public static string Text(HttpContext context, string name) => context.GetRouteValue(name) as string ?? "";
}
