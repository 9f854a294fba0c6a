using System.Text.Json;

namespace StudyBot.FineTune;

/// <summary>
/// The JSON lines of <c>studybot sample</c>: <c>{"type":"sample","text":…}</c> on success, <c>{"type":"failed","message":…}</c>
/// when the run folder, model, adapter or device is unusable. Anything else on stdout is ignored.
/// </summary>
public static class SamplerOutput
{
    public static string Sample(string text) => JsonSerializer.Serialize(new { type = "sample", text });

    public static string Failed(string message) => JsonSerializer.Serialize(new { type = "failed", message });

    /// <summary>The event of one line: ("sample", text), ("failed", message), or null for other output.</summary>
    public static (string Type, string Value)? Parse(string line)
    {
        if (!line.TrimStart().StartsWith('{'))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(line);
            var root = document.RootElement;
            return JsonFields.String(root, "type") switch
            {
                "sample" when JsonFields.String(root, "text") is { } text => ("sample", text),
                "failed" => ("failed", JsonFields.String(root, "message") ?? "the sampler failed."),
                _ => null,
            };
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
