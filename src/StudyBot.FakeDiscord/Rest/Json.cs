using System.Buffers;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace StudyBot.FakeDiscord.Rest;

/// <summary>Small helpers for reading loosely typed Discord JSON without throwing on the wrong kind of node.</summary>
internal static class Json
{
    public static string? Str(JsonNode? node) =>
        node is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;

    public static long? Int(JsonNode? node)
    {
        if (node is not JsonValue v)
        {
            return null;
        }
        if (v.GetValueKind() != JsonValueKind.Number)
        {
            return null;
        }
        // Nodes built in memory keep their CLR type (int, long, double…); parsed ones convert freely.
        if (v.TryGetValue<long>(out var l))
        {
            return l;
        }
        if (v.TryGetValue<int>(out var i))
        {
            return i;
        }
        return Num(v) is { } d && d == Math.Floor(d) && Math.Abs(d) < 9e15 ? (long)d : null;
    }

    public static double? Num(JsonNode? node)
    {
        if (node is not JsonValue v || v.GetValueKind() != JsonValueKind.Number)
        {
            return null;
        }
        if (v.TryGetValue<double>(out var d))
        {
            return d;
        }
        if (v.TryGetValue<long>(out var l))
        {
            return l;
        }
        if (v.TryGetValue<int>(out var i))
        {
            return i;
        }
        return v.TryGetValue<float>(out var f) ? f : v.TryGetValue<decimal>(out var m) ? (double)m : null;
    }

    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_buffer;

    /// <summary>A copy backed by parsed JSON, so callers can cast numbers freely ((int)node works for any integer).</summary>
    public static T Normalize<T>(T node)
        where T : JsonNode
    {
        // Round-trips through UTF-8 directly (no intermediate string): the fake copies every payload it stores,
        // dispatches and publishes, so this sits on the path of each interaction.
        var buffer = t_buffer ??= new ArrayBufferWriter<byte>(4096);
        buffer.ResetWrittenCount();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            node.WriteTo(writer);
        }
        return (T)JsonNode.Parse(buffer.WrittenSpan)!;
    }

    public static bool? Bool(JsonNode? node) =>
        node is JsonValue v && v.GetValueKind() is JsonValueKind.True or JsonValueKind.False ? v.GetValue<bool>() : null;

    /// <summary>A snowflake sent as a string (Discord's form) or as a number.</summary>
    public static ulong? Snowflake(JsonNode? node)
    {
        if (Str(node) is { } s && ulong.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
        {
            return id;
        }
        return Int(node) is { } n && n > 0 ? (ulong)n : null;
    }

    public static bool IsNull(JsonNode? node) => node is null || (node is JsonValue v && v.GetValueKind() == JsonValueKind.Null);

    public static string Id(ulong id) => id.ToString(CultureInfo.InvariantCulture);

    public static string Iso(DateTimeOffset t) => t.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'+00:00'", CultureInfo.InvariantCulture);

    public static DateTimeOffset? ParseIso(JsonNode? node) =>
        Str(node) is { } s && DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t) ? t : null;

    public static JsonArray CloneArray(JsonNode? node) => node is JsonArray a ? (JsonArray)a.DeepClone() : [];
}
