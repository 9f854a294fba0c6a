using System.Text.Json.Nodes;
using StudyBot.FakeDiscord.Model;
using StudyBot.FakeDiscord.Rest;

namespace StudyBot.FakeDiscord.Control;

/// <summary>Builds the <c>data</c> of component and modal-submit interactions from what the bot actually sent.</summary>
internal static class ComponentPayloads
{
    /// <summary>Depth-first search through rows, v2 containers, sections (accessory) and labels (component).</summary>
    public static JsonObject? Find(JsonArray components, string customId)
    {
        foreach (var component in components.OfType<JsonObject>())
        {
            if (Json.Str(component["custom_id"]) == customId)
            {
                return component;
            }
            var nested = component["components"] is JsonArray children ? Find(children, customId) : null;
            nested ??= component["accessory"] is JsonObject accessory && Json.Str(accessory["custom_id"]) == customId ? accessory : null;
            nested ??= component["component"] is JsonObject inner && Json.Str(inner["custom_id"]) == customId ? inner : null;
            if (nested is not null)
            {
                return nested;
            }
        }
        return null;
    }

    public static JsonObject ButtonData(JsonArray components, string customId, ulong messageId)
    {
        var button = Find(components, customId)
            ?? throw new FakeDiscordException($"Message {messageId} has no component with custom_id '{customId}'.");
        if (Json.Int(button["type"]) != 2)
        {
            throw new FakeDiscordException($"Component '{customId}' on message {messageId} is not a button.");
        }
        if (Json.Bool(button["disabled"]) ?? false)
        {
            throw new FakeDiscordException($"Button '{customId}' on message {messageId} is disabled.");
        }
        if (Json.Int(button["style"]) is 5 or 6)
        {
            throw new FakeDiscordException($"Button '{customId}' is a link/premium button; clicking it sends no interaction.");
        }
        var data = new JsonObject { ["custom_id"] = customId, ["component_type"] = 2 };
        if (button["id"] is { } id)
        {
            data["id"] = id.DeepClone();
        }
        return data;
    }

    public static JsonObject SelectData(JsonArray components, string customId, IReadOnlyList<string> values, ulong messageId)
    {
        var select = Find(components, customId)
            ?? throw new FakeDiscordException($"Message {messageId} has no component with custom_id '{customId}'.");
        var type = (int)(Json.Int(select["type"]) ?? 0);
        if (type is not (3 or 5 or 6 or 7 or 8))
        {
            throw new FakeDiscordException($"Component '{customId}' on message {messageId} is not a select menu.");
        }
        if (Json.Bool(select["disabled"]) ?? false)
        {
            throw new FakeDiscordException($"Select '{customId}' on message {messageId} is disabled.");
        }
        var min = Json.Int(select["min_values"]) ?? 1;
        var max = Json.Int(select["max_values"]) ?? 1;
        if (values.Count < min || values.Count > max)
        {
            throw new FakeDiscordException($"Select '{customId}' takes {min}..{max} values; got {values.Count}.");
        }
        if (type == 3)
        {
            var allowed = (select["options"] as JsonArray ?? []).OfType<JsonObject>().Select(o => Json.Str(o["value"])).ToHashSet();
            var unknown = values.FirstOrDefault(v => !allowed.Contains(v));
            if (unknown is not null)
            {
                throw new FakeDiscordException($"Select '{customId}' has no option with value '{unknown}'.");
            }
        }
        var data = new JsonObject
        {
            ["custom_id"] = customId,
            ["component_type"] = type,
            ["values"] = new JsonArray([.. values.Select(v => (JsonNode)JsonValue.Create(v))]),
        };
        if (select["id"] is { } id)
        {
            data["id"] = id.DeepClone();
        }
        return data;
    }

    /// <summary>Fills the modal the bot opened with <paramref name="values"/> (custom_id → text), mirroring its layout:
    /// Label (18) wrapping an input, or the older action row (1) of text inputs.</summary>
    public static JsonObject ModalData(JsonObject modal, IReadOnlyDictionary<string, string> values)
    {
        var customId = Json.Str(modal["custom_id"])!;
        var known = new HashSet<string>(StringComparer.Ordinal);
        var components = new JsonArray();
        foreach (var top in (modal["components"] as JsonArray ?? []).OfType<JsonObject>())
        {
            switch (Json.Int(top["type"]))
            {
                case 18 when top["component"] is JsonObject input:
                    components.Add(new JsonObject
                    {
                        ["type"] = 18,
                        ["id"] = top["id"]?.DeepClone(),
                        ["component"] = Submitted(input, values, known),
                    });
                    break;
                case 1:
                    components.Add(new JsonObject
                    {
                        ["type"] = 1,
                        ["id"] = top["id"]?.DeepClone(),
                        ["components"] = new JsonArray([.. (top["components"] as JsonArray ?? []).OfType<JsonObject>()
                            .Select(i => (JsonNode)Submitted(i, values, known))]),
                    });
                    break;
                default:
                    components.Add(new JsonObject { ["type"] = top["type"]?.DeepClone(), ["id"] = top["id"]?.DeepClone() });
                    break;
            }
        }
        var extra = values.Keys.FirstOrDefault(k => !known.Contains(k));
        if (extra is not null)
        {
            throw new FakeDiscordException($"Modal '{customId}' has no input with custom_id '{extra}'.");
        }
        return new JsonObject { ["custom_id"] = customId, ["components"] = components };
    }

    private static JsonObject Submitted(JsonObject input, IReadOnlyDictionary<string, string> values, HashSet<string> known)
    {
        var customId = Json.Str(input["custom_id"]) ?? "";
        known.Add(customId);
        var type = Json.Int(input["type"]);
        var required = Json.Bool(input["required"]) ?? true;
        values.TryGetValue(customId, out var value);
        if (required && string.IsNullOrEmpty(value))
        {
            throw new FakeDiscordException($"Modal input '{customId}' is required.");
        }
        value ??= "";
        if (type == 4)
        {
            if (value.Length > 0 && (Json.Int(input["min_length"]) is { } min && value.Length < min
                || Json.Int(input["max_length"]) is { } max && value.Length > max || value.Length > 4000))
            {
                throw new FakeDiscordException($"Modal input '{customId}': length {value.Length} is outside its min_length/max_length.");
            }
            return new JsonObject { ["type"] = 4, ["id"] = input["id"]?.DeepClone(), ["custom_id"] = customId, ["value"] = value };
        }
        // Selects inside a Label submit a list of values; a newline separates several.
        var selected = value.Length == 0 ? [] : value.Split('\n');
        return new JsonObject
        {
            ["type"] = type,
            ["id"] = input["id"]?.DeepClone(),
            ["custom_id"] = customId,
            ["values"] = new JsonArray([.. selected.Select(v => (JsonNode)JsonValue.Create(v))]),
        };
    }
}
