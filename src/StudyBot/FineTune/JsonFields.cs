using System.Text.Json;

namespace StudyBot.FineTune;

/// <summary>Lenient reads from trainer JSON: the first of several names that is present, any letter case.</summary>
internal static class JsonFields
{
    public static JsonElement? Find(JsonElement element, params string[] names)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        foreach (var name in names)
        {
            foreach (var property in element.EnumerateObject())
            {
                if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase) && property.Value.ValueKind != JsonValueKind.Null)
                {
                    return property.Value;
                }
            }
        }

        return null;
    }

    public static double? Number(JsonElement element, params string[] names) =>
        Find(element, names) is { ValueKind: JsonValueKind.Number } value ? value.GetDouble() : null;

    public static string? String(JsonElement element, params string[] names) =>
        Find(element, names) is { ValueKind: JsonValueKind.String } value ? value.GetString() : null;
}
