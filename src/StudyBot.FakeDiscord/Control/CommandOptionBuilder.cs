using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using StudyBot.FakeDiscord.Model;
using StudyBot.FakeDiscord.Rest;
using StudyBot.FakeDiscord.State;

namespace StudyBot.FakeDiscord.Control;

/// <summary>
/// Turns "queue add" + option values into the <c>data</c> of an APPLICATION_COMMAND (or AUTOCOMPLETE) interaction,
/// checked against the command definition the bot registered: subcommand path, option names, types, required,
/// choices, ranges; <c>resolved</c> is filled for users, members, roles, channels and attachments.
/// </summary>
internal sealed class CommandOptionBuilder(FakeWorld world, ulong guildId, FakeMember member)
{
    private readonly JsonObject _resolved = [];

    public JsonObject Build(string commandPath, IReadOnlyDictionary<string, object?> values, string? focused)
    {
        var parts = commandPath.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length == 0)
        {
            throw new FakeDiscordException("The command path is empty; expected e.g. \"queue add\".");
        }
        var command = world.FindChatCommand(guildId, parts[0])
            ?? throw new FakeDiscordException($"No chat command named '{parts[0]}' is registered for guild {guildId} or globally.");
        CheckPermission(command);

        var definitions = command["options"] as JsonArray ?? [];
        var data = new JsonObject
        {
            ["id"] = command["id"]!.DeepClone(),
            ["name"] = parts[0],
            ["type"] = 1,
        };
        if (command["guild_id"] is { } g)
        {
            data["guild_id"] = g.DeepClone();
        }

        // Walk down the subcommand group / subcommand path; the leaf holds the real options.
        JsonArray leafTarget = [];
        data["options"] = leafTarget;
        var level = definitions;
        for (var i = 1; i < parts.Length; i++)
        {
            var sub = level.OfType<JsonObject>().FirstOrDefault(o => Json.Str(o["name"]) == parts[i] && Json.Int(o["type"]) is 1 or 2)
                ?? throw new FakeDiscordException($"'/{commandPath}': '{parts[i]}' is not a subcommand or group of '{string.Join(' ', parts[..i])}'.");
            var node = new JsonObject { ["name"] = parts[i], ["type"] = Json.Int(sub["type"]), ["options"] = new JsonArray() };
            leafTarget.Add(node);
            leafTarget = (JsonArray)node["options"]!;
            level = sub["options"] as JsonArray ?? [];
        }
        if (level.OfType<JsonObject>().Any(o => Json.Int(o["type"]) is 1 or 2))
        {
            var names = string.Join(", ", level.OfType<JsonObject>().Select(o => Json.Str(o["name"])));
            throw new FakeDiscordException($"'/{commandPath}' needs a subcommand: one of {names}.");
        }

        foreach (var name in values.Keys)
        {
            if (!level.OfType<JsonObject>().Any(o => Json.Str(o["name"]) == name))
            {
                throw new FakeDiscordException($"'/{commandPath}' has no option '{name}'.");
            }
        }
        if (focused is not null && !values.ContainsKey(focused))
        {
            throw new FakeDiscordException($"The focused option '{focused}' needs a (partial) value.");
        }
        foreach (var definition in level.OfType<JsonObject>())
        {
            var name = Json.Str(definition["name"])!;
            var type = (int)(Json.Int(definition["type"]) ?? 3);
            if (!values.TryGetValue(name, out var value))
            {
                if ((Json.Bool(definition["required"]) ?? false) && focused is null)
                {
                    throw new FakeDiscordException($"'/{commandPath}' requires option '{name}'.");
                }
                continue;
            }
            var option = new JsonObject { ["name"] = name, ["type"] = type };
            if (name == focused)
            {
                if (!(Json.Bool(definition["autocomplete"]) ?? false))
                {
                    throw new FakeDiscordException($"Option '{name}' of '/{commandPath}' does not have autocomplete enabled.");
                }
                option["value"] = System.Convert.ToString(value, CultureInfo.InvariantCulture) ?? "";
                option["focused"] = true;
            }
            else
            {
                option["value"] = ConvertValue(commandPath, definition, type, value);
            }
            leafTarget.Add(option);
        }
        if (_resolved.Count > 0)
        {
            data["resolved"] = _resolved;
        }
        if (((JsonArray)data["options"]!).Count == 0)
        {
            data.Remove("options");
        }
        return data;
    }

    private void CheckPermission(JsonObject command)
    {
        if (Json.Str(command["default_member_permissions"]) is not { } required || !ulong.TryParse(required, out var bits))
        {
            return;
        }
        var has = ulong.Parse(world.EffectivePermissions(member), CultureInfo.InvariantCulture);
        var admin = (has & 8) != 0;
        if (!admin && (bits == 0 || (has & bits) != bits))
        {
            throw new FakeDiscordException(
                $"Member {member.Username} cannot use '/{Json.Str(command["name"])}': it needs permissions {required} and the member has {has}.");
        }
    }

    private JsonNode ConvertValue(string commandPath, JsonObject definition, int type, object? raw)
    {
        var name = Json.Str(definition["name"]);
        string Where() => $"option '{name}' of '/{commandPath}'";
        JsonNode result;
        switch (type)
        {
            case 3:
                {
                    if (raw is not string s)
                    {
                        throw new FakeDiscordException($"{Where()} is a STRING; got {Describe(raw)}.");
                    }
                    if (Json.Int(definition["min_length"]) is { } min && s.Length < min
                        || Json.Int(definition["max_length"]) is { } max && s.Length > max
                        || s.Length > 6000)
                    {
                        throw new FakeDiscordException($"{Where()}: length {s.Length} is outside its min_length/max_length.");
                    }
                    result = JsonValue.Create(s);
                    break;
                }
            case 4:
                {
                    var n = raw switch
                    {
                        int i => i,
                        long l => l,
                        short sh => sh,
                        string str when long.TryParse(str, NumberStyles.Integer, CultureInfo.InvariantCulture, out var p) => p,
                        _ => throw new FakeDiscordException($"{Where()} is an INTEGER; got {Describe(raw)}."),
                    };
                    CheckRange(definition, n, Where);
                    result = JsonValue.Create(n);
                    break;
                }
            case 10:
                {
                    var d = raw switch
                    {
                        double x => x,
                        float f => f,
                        decimal m => (double)m,
                        int i => i,
                        long l => l,
                        string str when double.TryParse(str, NumberStyles.Float, CultureInfo.InvariantCulture, out var p) => p,
                        _ => throw new FakeDiscordException($"{Where()} is a NUMBER; got {Describe(raw)}."),
                    };
                    CheckRange(definition, d, Where);
                    result = JsonValue.Create(d);
                    break;
                }
            case 5:
                result = raw is bool b ? JsonValue.Create(b) : throw new FakeDiscordException($"{Where()} is a BOOLEAN; got {Describe(raw)}.");
                break;
            case 6:
                result = ResolveUser(Snowflake(raw, Where), Where);
                break;
            case 7:
                result = ResolveChannel(definition, Snowflake(raw, Where), Where);
                break;
            case 8:
                result = ResolveRole(Snowflake(raw, Where), Where);
                break;
            case 9:
                {
                    var id = Snowflake(raw, Where);
                    result = world.Roles.ContainsKey(id) ? ResolveRole(id, Where) : ResolveUser(id, Where);
                    break;
                }
            case 11:
                result = ResolveAttachment(raw, Where);
                break;
            default:
                throw new FakeDiscordException($"{Where()} has type {type}, which cannot take a value.");
        }
        if (definition["choices"] is JsonArray { Count: > 0 } choices
            && !choices.OfType<JsonObject>().Any(c => JsonNode.DeepEquals(c["value"], result)
                || (Json.Num(c["value"]) is { } cv && Json.Num(result) is { } rv && cv == rv)))
        {
            var allowed = string.Join(", ", choices.OfType<JsonObject>().Select(c => c["value"]?.ToJsonString()));
            throw new FakeDiscordException($"{Where()} must be one of its choices ({allowed}); got {result.ToJsonString()}.");
        }
        return result;
    }

    private static void CheckRange(JsonObject definition, double value, Func<string> where)
    {
        if (Json.Num(definition["min_value"]) is { } min && value < min
            || Json.Num(definition["max_value"]) is { } max && value > max
            || Math.Abs(value) > 9007199254740991)
        {
            throw new FakeDiscordException($"{where()}: {value} is outside its min_value/max_value.");
        }
    }

    private static ulong Snowflake(object? raw, Func<string> where) => raw switch
    {
        ulong u => u,
        long l when l > 0 => (ulong)l,
        string s when ulong.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var id) => id,
        FakeMember m => m.Id,
        FakeRole r => r.Id,
        FakeChannel c => c.Id,
        FakeAttachment a => a.Id,
        _ => throw new FakeDiscordException($"{where()} takes a snowflake id; got {Describe(raw)}."),
    };

    private static string Describe(object? raw) => raw is null ? "null" : $"{raw.GetType().Name} {raw}";

    private JsonObject Section(string key)
    {
        if (_resolved[key] is not JsonObject section)
        {
            section = [];
            _resolved[key] = section;
        }
        return section;
    }

    private JsonNode ResolveUser(ulong id, Func<string> where)
    {
        if (!world.Members.TryGetValue((guildId, id), out var target))
        {
            throw new FakeDiscordException($"{where()}: no member {id} in guild {guildId}.");
        }
        Section("users")[Json.Id(id)] = world.UserJson(target);
        Section("members")[Json.Id(id)] = world.MemberJson(target, withUser: false, withPermissions: true);
        return JsonValue.Create(Json.Id(id));
    }

    private JsonNode ResolveRole(ulong id, Func<string> where)
    {
        if (!world.Roles.TryGetValue(id, out var role) || role.GuildId != guildId)
        {
            throw new FakeDiscordException($"{where()}: no role {id} in guild {guildId}.");
        }
        Section("roles")[Json.Id(id)] = world.RoleJson(role);
        return JsonValue.Create(Json.Id(id));
    }

    private JsonNode ResolveChannel(JsonObject definition, ulong id, Func<string> where)
    {
        if (!world.Channels.TryGetValue(id, out var target) || target.GuildId != guildId)
        {
            throw new FakeDiscordException($"{where()}: no channel {id} in guild {guildId}.");
        }
        if (definition["channel_types"] is JsonArray { Count: > 0 } types && !types.Any(t => Json.Int(t) == target.Type))
        {
            throw new FakeDiscordException($"{where()}: channel {id} has type {target.Type}, not one of {types.ToJsonString()}.");
        }
        var json = world.ChannelJson(target);
        json["permissions"] = "2248473465835073";
        Section("channels")[Json.Id(id)] = json;
        return JsonValue.Create(Json.Id(id));
    }

    private JsonNode ResolveAttachment(object? raw, Func<string> where)
    {
        var id = Snowflake(raw, where);
        if (!world.Attachments.TryGetValue(id, out var attachment))
        {
            throw new FakeDiscordException($"{where()}: no uploaded attachment {id}; upload it with UploadUserAttachment first.");
        }
        Section("attachments")[Json.Id(id)] = FakeWorld.AttachmentJson(attachment);
        return JsonValue.Create(Json.Id(id));
    }

    public static object? FromJson(JsonNode? node) => node switch
    {
        null => null,
        JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
        JsonValue v when v.GetValueKind() is JsonValueKind.True or JsonValueKind.False => v.GetValue<bool>(),
        JsonValue v when v.GetValueKind() == JsonValueKind.Number && v.TryGetValue<long>(out var l) => l,
        JsonValue v when v.GetValueKind() == JsonValueKind.Number => v.GetValue<double>(),
        _ => node.ToJsonString(),
    };
}
