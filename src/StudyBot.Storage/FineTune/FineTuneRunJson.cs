using System.Text.Json;
using System.Text.Json.Serialization;
using StudyBot.Core.FineTune;

namespace StudyBot.Storage.FineTune;

/// <summary>The stored JSON shape of a run: the record's own properties, enums by name.</summary>
internal static class FineTuneRunJson
{
    private static readonly JsonSerializerOptions Options = new()
    {
        Converters = { new JsonStringEnumConverter() },
    };

    public static string Serialize(FineTuneRun run) => JsonSerializer.Serialize(run, Options);

    public static FineTuneRun Deserialize(string json) =>
        JsonSerializer.Deserialize<FineTuneRun>(json, Options) ?? throw new InvalidDataException("A stored fine-tune run is empty.");
}
