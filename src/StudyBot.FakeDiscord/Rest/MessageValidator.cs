using System.Text.Json.Nodes;

namespace StudyBot.FakeDiscord.Rest;

/// <summary>Discord's limits on message bodies (content, embeds, components, flags), reported as a 50035 error tree.</summary>
internal static class MessageValidator
{
    private const int Ephemeral = 64;
    private const int SuppressEmbeds = 4;
    private const int SuppressNotifications = 4096;
    private const int ComponentsV2 = 32768;

    public static void Validate(JsonObject body, FormErrors errors, bool allowEphemeral)
    {
        if (body["content"] is { } contentNode && !Json.IsNull(contentNode))
        {
            if (Json.Str(contentNode) is not { } content)
            {
                errors.Add("content", "BASE_TYPE_STRING", "Must be a string.");
            }
            else if (content.Length > 2000)
            {
                errors.MaxLength("content", 2000);
            }
        }

        if (body["flags"] is { } flagsNode && !Json.IsNull(flagsNode))
        {
            var allowed = SuppressEmbeds | SuppressNotifications | ComponentsV2 | (allowEphemeral ? Ephemeral : 0);
            if (Json.Int(flagsNode) is not { } flags || (flags & ~allowed) != 0)
            {
                errors.Add("flags", "MESSAGE_CANNOT_USE_FLAGS", "Message flags cannot be used.");
            }
        }

        if (body["embeds"] is { } embedsNode && !Json.IsNull(embedsNode))
        {
            ValidateEmbeds(embedsNode, errors);
        }

        if (body["components"] is { } componentsNode && !Json.IsNull(componentsNode))
        {
            var v2 = ((Json.Int(body["flags"]) ?? 0) & ComponentsV2) != 0;
            ValidateComponents(componentsNode, errors, v2);
        }
    }

    public static bool HasVisibleContent(JsonObject body, int fileCount) =>
        fileCount > 0
        || !string.IsNullOrEmpty(Json.Str(body["content"]))
        || (body["embeds"] is JsonArray e && e.Count > 0)
        || (body["components"] is JsonArray c && c.Count > 0)
        || (body["sticker_ids"] is JsonArray s && s.Count > 0)
        || body["poll"] is JsonObject;

    private static void ValidateEmbeds(JsonNode node, FormErrors errors)
    {
        if (node is not JsonArray embeds)
        {
            errors.Add("embeds", "BASE_TYPE_ARRAY", "Must be an array.");
            return;
        }
        if (embeds.Count > 10)
        {
            errors.MaxLength("embeds", 10);
        }
        var total = 0;
        for (var i = 0; i < embeds.Count; i++)
        {
            var path = $"embeds.{i}";
            if (embeds[i] is not JsonObject embed)
            {
                errors.Add(path, "MODEL_TYPE_CONVERT", "Only dictionaries may be used in a ModelType");
                continue;
            }
            total += CheckText(embed, "title", 256, path, errors);
            total += CheckText(embed, "description", 4096, path, errors);
            if (embed["footer"] is JsonObject footer)
            {
                total += CheckText(footer, "text", 2048, path + ".footer", errors);
            }
            if (embed["author"] is JsonObject author)
            {
                total += CheckText(author, "name", 256, path + ".author", errors);
            }
            if (embed["fields"] is JsonArray fields)
            {
                if (fields.Count > 25)
                {
                    errors.MaxLength(path + ".fields", 25);
                }
                for (var f = 0; f < fields.Count; f++)
                {
                    if (fields[f] is not JsonObject field)
                    {
                        continue;
                    }
                    var fieldPath = $"{path}.fields.{f}";
                    if (string.IsNullOrEmpty(Json.Str(field["name"])))
                    {
                        errors.Required(fieldPath + ".name");
                    }
                    if (string.IsNullOrEmpty(Json.Str(field["value"])))
                    {
                        errors.Required(fieldPath + ".value");
                    }
                    total += CheckText(field, "name", 256, fieldPath, errors);
                    total += CheckText(field, "value", 1024, fieldPath, errors);
                }
            }
            if (Json.Int(embed["color"]) is { } color && color is < 0 or > 0xFFFFFF)
            {
                errors.Add(path + ".color", "NUMBER_TYPE_MAX", "int value should be <= 16777215 and >= 0.");
            }
        }
        if (total > 6000)
        {
            errors.Add("embeds", "MESSAGE_EMBEDS_TOO_LONG", "Embed size exceeds maximum size of 6000");
        }
    }

    private static int CheckText(JsonObject owner, string field, int max, string path, FormErrors errors)
    {
        var text = Json.Str(owner[field]);
        if (text is null)
        {
            return 0;
        }
        if (text.Length > max)
        {
            errors.MaxLength($"{path}.{field}", max);
        }
        return text.Length;
    }

    private static void ValidateComponents(JsonNode node, FormErrors errors, bool componentsV2)
    {
        if (node is not JsonArray rows)
        {
            errors.Add("components", "BASE_TYPE_ARRAY", "Must be an array.");
            return;
        }
        if (componentsV2)
        {
            // Layout components (v2) nest freely; only the ids are checked here.
            var ids = new HashSet<string>(StringComparer.Ordinal);
            CheckCustomIdsRecursive(rows, "components", ids, errors);
            return;
        }
        if (rows.Count > 5)
        {
            errors.MaxLength("components", 5);
        }
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var r = 0; r < rows.Count; r++)
        {
            var rowPath = $"components.{r}";
            if (rows[r] is not JsonObject row || Json.Int(row["type"]) != 1)
            {
                errors.Add(rowPath + ".type", "UNION_TYPE_CHOICES", "Value of field \"type\" must be one of (1,).");
                continue;
            }
            if (row["components"] is not JsonArray children || children.Count == 0)
            {
                errors.Add(rowPath + ".components", "BASE_TYPE_BAD_LENGTH", "Must be between 1 and 5 in length.");
                continue;
            }
            var buttons = children.OfType<JsonObject>().Count(c => Json.Int(c["type"]) == 2);
            var selects = children.Count - buttons;
            if (children.Count > 5 || (selects > 0 && children.Count > 1))
            {
                errors.Add(rowPath + ".components", "COMPONENT_LAYOUT_WIDTH_EXCEEDED",
                    "The specified component exceeds the maximum width");
            }
            for (var c = 0; c < children.Count; c++)
            {
                var path = $"{rowPath}.components.{c}";
                if (children[c] is not JsonObject component)
                {
                    errors.Add(path, "MODEL_TYPE_CONVERT", "Only dictionaries may be used in a ModelType");
                    continue;
                }
                ValidateInteractive(component, path, seen, errors);
            }
        }
    }

    private static void ValidateInteractive(JsonObject component, string path, HashSet<string> seen, FormErrors errors)
    {
        var type = Json.Int(component["type"]);
        var customId = Json.Str(component["custom_id"]);
        if (type == 2)
        {
            var style = Json.Int(component["style"]);
            if (style is null or < 1 or > 6)
            {
                errors.Add(path + ".style", "BASE_TYPE_CHOICES", "Value must be one of {1, 2, 3, 4, 5, 6}.");
            }
            else if (style == 5)
            {
                if (string.IsNullOrEmpty(Json.Str(component["url"])))
                {
                    errors.Add(path + ".url", "BUTTON_COMPONENT_URL_REQUIRED", "A url is required");
                }
                if (customId is not null)
                {
                    errors.Add(path + ".custom_id", "BUTTON_COMPONENT_CUSTOM_ID_NOT_ALLOWED", "A custom id cannot be specified");
                }
                return;
            }
            else if (style != 6 && customId is null)
            {
                errors.Add(path + ".custom_id", "BUTTON_COMPONENT_CUSTOM_ID_REQUIRED", "A custom id is required");
            }
            if (Json.Str(component["label"]) is { Length: > 80 })
            {
                errors.MaxLength(path + ".label", 80);
            }
        }
        else if (type is 3 or 5 or 6 or 7 or 8)
        {
            if (customId is null)
            {
                errors.Required(path + ".custom_id");
            }
            if (type == 3 && (component["options"] is not JsonArray options || options.Count is 0 or > 25))
            {
                errors.Add(path + ".options", "BASE_TYPE_BAD_LENGTH", "Must be between 1 and 25 in length.");
            }
        }
        else
        {
            errors.Add(path + ".type", "UNION_TYPE_CHOICES", "Value of field \"type\" must be one of (2, 3, 5, 6, 7, 8).");
            return;
        }
        if (customId is not null)
        {
            if (customId.Length is 0 or > 100)
            {
                errors.Add(path + ".custom_id", "BASE_TYPE_BAD_LENGTH", "Must be between 1 and 100 in length.");
            }
            else if (!seen.Add(customId))
            {
                errors.Add(path + ".custom_id", "COMPONENT_CUSTOM_ID_DUPLICATED", "Component custom id cannot be duplicated");
            }
        }
    }

    private static void CheckCustomIdsRecursive(JsonArray nodes, string path, HashSet<string> seen, FormErrors errors)
    {
        for (var i = 0; i < nodes.Count; i++)
        {
            if (nodes[i] is not JsonObject component)
            {
                continue;
            }
            if (Json.Str(component["custom_id"]) is { } id)
            {
                if (id.Length is 0 or > 100)
                {
                    errors.Add($"{path}.{i}.custom_id", "BASE_TYPE_BAD_LENGTH", "Must be between 1 and 100 in length.");
                }
                else if (!seen.Add(id))
                {
                    errors.Add($"{path}.{i}.custom_id", "COMPONENT_CUSTOM_ID_DUPLICATED", "Component custom id cannot be duplicated");
                }
            }
            if (component["components"] is JsonArray children)
            {
                CheckCustomIdsRecursive(children, $"{path}.{i}.components", seen, errors);
            }
            if (component["component"] is JsonObject single)
            {
                CheckCustomIdsRecursive([single.DeepClone()], $"{path}.{i}.component", seen, errors);
            }
            if (component["accessory"] is JsonObject accessory)
            {
                CheckCustomIdsRecursive([accessory.DeepClone()], $"{path}.{i}.accessory", seen, errors);
            }
        }
    }
}
