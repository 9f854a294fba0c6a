using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using StudyBot.FakeDiscord.State;

namespace StudyBot.FakeDiscord.Rest;

/// <summary>Reads a request body as Discord accepts it: JSON, or multipart/form-data with <c>payload_json</c> and <c>files[n]</c>.</summary>
internal static class PayloadReader
{
    public static async Task<(JsonObject Body, IReadOnlyList<UploadedFile> Files)> ReadAsync(
        HttpContext context, long maxFileSize, CancellationToken ct)
    {
        var request = context.Request;
        if (request.HasFormContentType && request.ContentType!.StartsWith("multipart/", StringComparison.OrdinalIgnoreCase))
        {
            var form = await request.ReadFormAsync(ct);
            JsonObject body = [];
            if (form.TryGetValue("payload_json", out var payload) && !string.IsNullOrEmpty(payload.ToString()))
            {
                body = ParseObject(payload.ToString());
            }
            var files = new List<UploadedFile>();
            var next = 0;
            foreach (var file in form.Files)
            {
                if (file.Length > maxFileSize)
                {
                    throw new DiscordApiException(413, 40005, "Request entity too large");
                }
                var index = TryIndex(file.Name) ?? next;
                next = Math.Max(next, index + 1);
                using var buffer = new MemoryStream();
                await file.CopyToAsync(buffer, ct);
                var contentType = string.IsNullOrEmpty(file.ContentType) || file.ContentType == "application/octet-stream"
                    ? GuessContentType(file.FileName)
                    : file.ContentType;
                files.Add(new UploadedFile(index, file.FileName, contentType, buffer.ToArray()));
            }
            return (body, files);
        }
        using var reader = new StreamReader(request.Body);
        var text = await reader.ReadToEndAsync(ct);
        return (string.IsNullOrWhiteSpace(text) ? [] : ParseObject(text), []);
    }

    public static async Task<JsonNode?> ReadJsonAsync(HttpContext context, CancellationToken ct)
    {
        using var reader = new StreamReader(context.Request.Body);
        var text = await reader.ReadToEndAsync(ct);
        try
        {
            return JsonNode.Parse(text);
        }
        catch (JsonException)
        {
            throw DiscordApiException.InvalidJson();
        }
    }

    private static JsonObject ParseObject(string text)
    {
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(text);
        }
        catch (JsonException)
        {
            throw DiscordApiException.InvalidJson();
        }
        if (node is JsonObject obj)
        {
            return obj;
        }
        var errors = new FormErrors();
        errors.Add("", "MODEL_TYPE_CONVERT", "Only dictionaries may be used in a ModelType");
        throw DiscordApiException.InvalidForm(errors.Tree);
    }

    private static int? TryIndex(string name)
    {
        // files[3] → 3; Discord also accepts file / files[] styles, which get the next free index.
        var open = name.IndexOf('[', StringComparison.Ordinal);
        var close = name.IndexOf(']', StringComparison.Ordinal);
        return open >= 0 && close > open + 1 && int.TryParse(name.AsSpan(open + 1, close - open - 1), out var n) && n >= 0 ? n : null;
    }

    public static string GuessContentType(string fileName) => Path.GetExtension(fileName).ToLowerInvariant() switch
    {
        ".png" => "image/png",
        ".jpg" or ".jpeg" => "image/jpeg",
        ".gif" => "image/gif",
        ".webp" => "image/webp",
        ".svg" => "image/svg+xml",
        ".txt" or ".log" => "text/plain; charset=utf-8",
        ".md" => "text/markdown; charset=utf-8",
        ".json" => "application/json; charset=utf-8",
        ".csv" => "text/csv; charset=utf-8",
        ".pdf" => "application/pdf",
        ".zip" => "application/zip",
        _ => "application/octet-stream",
    };
}
