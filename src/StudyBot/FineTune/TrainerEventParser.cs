using System.Globalization;
using System.Text.Json;

namespace StudyBot.FineTune;

/// <summary>
/// Parses the trainer's stdout lines (<c>{"type":"progress",…}</c> and friends, as written by the Training
/// library's JsonLinesEventWriter). Field names are accepted in camelCase and snake_case so the worker does not break on a naming change in the trainer. Returns null for
/// anything that is not a JSON object with a <c>type</c>: such lines are logged and ignored.
/// </summary>
public static class TrainerEventParser
{
    public static TrainerEvent? Parse(string line)
    {
        if (string.IsNullOrWhiteSpace(line) || line.TrimStart()[0] != '{')
        {
            return null;
        }

        JsonElement root;
        try
        {
            using var document = JsonDocument.Parse(line);
            root = document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return null;
        }

        if (root.ValueKind != JsonValueKind.Object || JsonFields.String(root, "type") is not { } type)
        {
            return null;
        }

        return type switch
        {
            "progress" => new TrainerProgressEvent(
                (int)(JsonFields.Number(root, "step") ?? 0),
                (int)(JsonFields.Number(root, "total", "total_steps", "totalSteps") ?? 0),
                JsonFields.Number(root, "loss") ?? double.NaN,
                JsonFields.Number(root, "lr", "learning_rate", "learningRate") ?? double.NaN,
                JsonFields.Number(root, "tokens_per_s", "tokens_per_second", "tokensPerSecond") ?? 0,
                Eta(root)),
            "eval" => new TrainerEvalEvent(
                JsonFields.String(root, "phase") ?? "during",
                (int)(JsonFields.Number(root, "step") ?? 0),
                JsonFields.Number(root, "val_loss", "validation_loss", "validationLoss", "loss") ?? double.NaN,
                JsonFields.Number(root, "perplexity", "ppl", "val_perplexity") ?? double.NaN),
            "completed" => new TrainerCompletedEvent(root),
            "failed" => new TrainerFailedEvent(JsonFields.String(root, "message", "error") ?? "The trainer reported a failure."),
            "status" when JsonFields.String(root, "message") is { } message => new TrainerStatusEvent(message),
            _ => new TrainerOtherEvent(type),
        };
    }

    private static TimeSpan? Eta(JsonElement root)
    {
        if (JsonFields.Number(root, "eta_s", "eta_seconds", "etaSeconds") is { } seconds)
        {
            return TimeSpan.FromSeconds(seconds);
        }

        if (JsonFields.Find(root, "eta") is { } eta)
        {
            if (eta.ValueKind == JsonValueKind.Number)
            {
                return TimeSpan.FromSeconds(eta.GetDouble());
            }

            if (eta.ValueKind == JsonValueKind.String && TimeSpan.TryParse(eta.GetString(), CultureInfo.InvariantCulture, out var span))
            {
                return span;
            }
        }

        return null;
    }
}
