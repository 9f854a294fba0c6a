using System.IO.Compression;
using System.Text.Json;
using StudyBot.Core.FineTune;

namespace StudyBot.FineTune;

/// <summary>
/// Gathers what a successful trainer left in the run folder: validation loss and perplexity before → after (from
/// the eval events, else the completed event, else metrics.json), samples (samples.json), the loss plot, and the
/// adapter zipped for upload.
/// </summary>
public static class FineTuneResultCollector
{
    private static readonly string[] AdapterFiles = ["adapter_model.safetensors", "adapter_config.json"];

    public static FineTuneResult Collect(
        FineTuneRunFolder folder,
        IReadOnlyList<TrainerEvalEvent> evaluations,
        TrainerCompletedEvent? completed,
        TimeSpan duration,
        long maxUploadBytes)
    {
        var metrics = ReadJson(folder.Metrics);
        var before = evaluations.LastOrDefault(e => e.Phase == "before");
        var after = evaluations.LastOrDefault(e => e.Phase == "after");

        var zip = ZipAdapter(folder);
        var zipSize = zip is null ? 0 : new FileInfo(zip).Length;
        return new FineTuneResult(
            before?.ValidationLoss ?? Phase(completed, metrics, "before", "loss"),
            after?.ValidationLoss ?? Phase(completed, metrics, "after", "loss"),
            before?.Perplexity ?? Phase(completed, metrics, "before", "perplexity"),
            after?.Perplexity ?? Phase(completed, metrics, "after", "perplexity"),
            ReadSamples(folder.Samples),
            File.Exists(folder.LossPlot) ? folder.LossPlot : null,
            Directory.Exists(folder.Adapter) ? folder.Adapter : null,
            zip,
            zipSize > maxUploadBytes,
            duration);
    }

    /// <summary>adapter.zip with adapter_model.safetensors and adapter_config.json; null when the trainer wrote none.</summary>
    public static string? ZipAdapter(FineTuneRunFolder folder)
    {
        var files = AdapterFiles
            .Select(name => new[] { Path.Combine(folder.Adapter, name), Path.Combine(folder.Directory, name) }.FirstOrDefault(File.Exists))
            .OfType<string>()
            .ToList();
        if (files.Count == 0)
        {
            return null;
        }

        var temp = folder.AdapterZip + ".tmp";
        File.Delete(temp);
        using (var archive = ZipFile.Open(temp, ZipArchiveMode.Create))
        {
            foreach (var file in files)
            {
                archive.CreateEntryFromFile(file, Path.GetFileName(file), CompressionLevel.Optimal);
            }
        }

        File.Move(temp, folder.AdapterZip, overwrite: true);
        return folder.AdapterZip;
    }

    private static double? Phase(TrainerCompletedEvent? completed, JsonElement? metrics, string phase, string measure)
    {
        foreach (var source in new[] { completed?.Payload, metrics })
        {
            if (source is not { } root)
            {
                continue;
            }

            // Either nested ({"before":{"loss":…}}, {"eval":{"before":…}}) or flat ("val_loss_before").
            var nested = JsonFields.Find(root, phase) ?? (JsonFields.Find(root, "eval", "evaluation") is { } e ? JsonFields.Find(e, phase) : null);
            if (nested is { } n && JsonFields.Number(n, measure == "loss" ? ["loss", "val_loss", "validation_loss"] : ["perplexity", "ppl"]) is { } value)
            {
                return value;
            }

            string[] flat = measure == "loss"
                ? [$"validationLoss{Capital(phase)}", $"val_loss_{phase}", $"validation_loss_{phase}", $"valLoss{Capital(phase)}"]
                : [$"perplexity_{phase}", $"ppl_{phase}", $"perplexity{Capital(phase)}"];
            if (JsonFields.Number(root, flat) is { } flatValue)
            {
                return flatValue;
            }
        }

        return null;
    }

    private static List<FineTuneSample> ReadSamples(string path)
    {
        if (ReadJson(path) is not { } root)
        {
            return [];
        }

        var array = root.ValueKind == JsonValueKind.Array ? root : JsonFields.Find(root, "samples") ?? default;
        if (array.ValueKind != JsonValueKind.Array)
        {
            return [];
        }

        var samples = array.EnumerateArray()
            .Where(s => s.ValueKind == JsonValueKind.Object)
            .Select(s => (
                Prompt: JsonFields.String(s, "prompt") ?? string.Empty,
                Decoding: JsonFields.String(s, "decoding") ?? "greedy",
                Before: JsonFields.String(s, "before") ?? string.Empty,
                After: JsonFields.String(s, "after") ?? string.Empty))
            .ToList();

        // One sample per prompt: the greedy one where there is a choice (it is the reproducible one).
        return samples
            .GroupBy(s => s.Prompt, StringComparer.Ordinal)
            .Select(g => g.FirstOrDefault(s => s.Decoding == "greedy") is { Prompt: not null } greedy && g.Any(s => s.Decoding == "greedy") ? greedy : g.First())
            .Select(s => new FineTuneSample(s.Prompt, s.Before, s.After))
            .ToList();
    }

    private static JsonElement? ReadJson(string path)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(path));
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string Capital(string text) => char.ToUpperInvariant(text[0]) + text[1..];
}
