using System.Net;
using System.Text.Json;

namespace StudyBot.Discord.Rest;

/// <summary>A Discord REST call failed; carries the HTTP status, Discord's JSON error code, message and field errors.</summary>
public sealed class DiscordApiException : Exception
{
    public DiscordApiException(HttpStatusCode statusCode, int? code, string? discordMessage, JsonElement? errors, string route)
        : base($"Discord API returned {(int)statusCode} {statusCode} for {route}: {(code is null ? "" : $"code {code}, ")}{discordMessage ?? "no message"}"
               + (errors is { } e ? $" {e.GetRawText()}" : ""))
    {
        StatusCode = statusCode;
        Code = code;
        DiscordMessage = discordMessage;
        Errors = errors;
        Route = route;
    }

    public DiscordApiException()
    {
        Route = "";
    }

    public DiscordApiException(string message) : base(message)
    {
        Route = "";
    }

    public DiscordApiException(string message, Exception innerException) : base(message, innerException)
    {
        Route = "";
    }

    public HttpStatusCode StatusCode { get; }

    /// <summary>Discord's JSON error code (see <see cref="DiscordErrorCodes"/>), when the body had one.</summary>
    public int? Code { get; }

    public string? DiscordMessage { get; }

    /// <summary>The nested <c>errors</c> object of a 50035 invalid form body.</summary>
    public JsonElement? Errors { get; }

    /// <summary>Method and path template, tokens replaced.</summary>
    public string Route { get; }

    /// <summary>On a 429 that was not waited out (over <see cref="DiscordOptions.MaxRetryAfter"/>): how long Discord
    /// asked to wait.</summary>
    public TimeSpan? RetryAfter { get; init; }
}
