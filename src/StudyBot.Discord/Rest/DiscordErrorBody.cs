using System.Text.Json;

namespace StudyBot.Discord.Rest;

/// <summary>Discord's JSON error body; also carries <c>retry_after</c>/<c>global</c> on 429.</summary>
internal sealed record DiscordErrorBody
{
    public int? Code { get; init; }
    public string? Message { get; init; }
    public JsonElement? Errors { get; init; }
    public double? RetryAfter { get; init; }
    public bool? Global { get; init; }
}
