using System.Text.Json;
using StudyBot.Training.Training;

namespace StudyBot.Training.Reporting;

/// <summary>Reads and writes the run folder's JSON files with one set of options (camelCase, enums as strings).</summary>
public static class RunJson
{
    public static JsonSerializerOptions Options => FineTuneSettingsJson.Options;

    public static void Write<T>(string path, T value) => AtomicFile.WriteAllText(path, JsonSerializer.Serialize(value, Options));

    public static T Read<T>(string path) =>
        JsonSerializer.Deserialize<T>(File.ReadAllText(path), Options)
        ?? throw new InvalidDataException($"'{path}' holds JSON null.");
}
