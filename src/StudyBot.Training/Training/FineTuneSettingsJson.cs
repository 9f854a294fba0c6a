using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace StudyBot.Training.Training;

/// <summary>The settings.json format: camelCase names, enums as lower-case strings, indented.</summary>
public static class FineTuneSettingsJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public static string Serialize(FineTuneSettings settings) => JsonSerializer.Serialize(settings, Options);

    /// <summary>Parses settings JSON; a malformed document becomes a <see cref="FineTuneValidationException"/>.</summary>
    public static FineTuneSettings Deserialize(string json)
    {
        try
        {
            return JsonSerializer.Deserialize<FineTuneSettings>(json, Options)
                ?? throw new FineTuneValidationException("the settings JSON is null.");
        }
        catch (JsonException ex)
        {
            throw new FineTuneValidationException($"the settings JSON is invalid: {ex.Message}", ex);
        }
    }

    public static FineTuneSettings Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new FineTuneValidationException($"settings file '{path}' does not exist.");
        }

        return Deserialize(File.ReadAllText(path));
    }

    /// <summary>Writes atomically (temp file, then rename) so a reader never sees half a file.</summary>
    public static void Save(FineTuneSettings settings, string path)
    {
        AtomicFile.WriteAllText(path, Serialize(settings));
    }
}
