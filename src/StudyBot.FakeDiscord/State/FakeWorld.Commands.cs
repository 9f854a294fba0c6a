using System.Text.Json.Nodes;
using StudyBot.FakeDiscord.Model;
using StudyBot.FakeDiscord.Rest;

namespace StudyBot.FakeDiscord.State;

internal sealed partial class FakeWorld
{
    /// <summary>PUT bulk overwrite: validates, keeps ids of commands with the same name and type, replaces the set.</summary>
    public JsonArray OverwriteCommands(ulong? guildId, JsonNode? body)
    {
        if (guildId is { } g)
        {
            RequireGuild(g);
        }
        var errors = new FormErrors();
        CommandValidator.Validate(body, errors);
        errors.ThrowIfAny();

        var target = guildId is { } gid
            ? GuildCommands.TryGetValue(gid, out var list) ? list : GuildCommands[gid] = []
            : GlobalCommands;
        var previous = target.ToList();
        target.Clear();
        foreach (var input in ((JsonArray)body!).OfType<JsonObject>())
        {
            var type = Json.Int(input["type"]) ?? 1;
            var name = Json.Str(input["name"])!;
            var old = previous.FirstOrDefault(c => Json.Int(c["type"]) == type && Json.Str(c["name"]) == name);
            var command = new JsonObject
            {
                ["id"] = old?["id"]?.DeepClone() ?? Json.Id(Ids.Next()),
                ["application_id"] = Json.Id(Options.ApplicationId),
                ["version"] = Json.Id(Ids.Next()),
                ["default_member_permissions"] = input["default_member_permissions"]?.DeepClone(),
                ["type"] = type,
                ["name"] = name,
                ["name_localizations"] = input["name_localizations"]?.DeepClone(),
                ["description"] = Json.Str(input["description"]) ?? "",
                ["description_localizations"] = input["description_localizations"]?.DeepClone(),
                ["dm_permission"] = Json.Bool(input["dm_permission"]) ?? true,
                ["contexts"] = input["contexts"]?.DeepClone(),
                ["integration_types"] = input["integration_types"]?.DeepClone() ?? new JsonArray(0),
                ["nsfw"] = Json.Bool(input["nsfw"]) ?? false,
            };
            if (guildId is { } gg)
            {
                command["guild_id"] = Json.Id(gg);
            }
            if (input["options"] is JsonArray options && options.Count > 0)
            {
                command["options"] = options.DeepClone();
            }
            target.Add(Json.Normalize(command));
        }
        CommandOverwrites++;
        var result = new JsonArray([.. target.Select(c => c.DeepClone())]);
        Publish(FakeEventKinds.CommandsRegistered, guildId, null, null, null, result.DeepClone());
        return result;
    }

    /// <summary>POST one command: creates it, or replaces the one with the same name and type (Discord's upsert).</summary>
    public (JsonObject Command, bool Created) UpsertCommand(ulong? guildId, JsonObject input)
    {
        var current = ListCommands(guildId).OfType<JsonObject>().ToList();
        var type = Json.Int(input["type"]) ?? 1;
        var name = Json.Str(input["name"]);
        var index = current.FindIndex(c => Json.Int(c["type"]) == type && Json.Str(c["name"]) == name);
        var body = new JsonArray([.. current.Select(c => c.DeepClone())]);
        if (index >= 0)
        {
            body[index] = input.DeepClone();
        }
        else
        {
            body.Add(input.DeepClone());
        }
        ValidateSingle(body, index >= 0 ? index : body.Count - 1);
        var all = OverwriteCommands(guildId, body);
        var saved = all.OfType<JsonObject>().First(c => Json.Int(c["type"]) == type && Json.Str(c["name"]) == name);
        return ((JsonObject)saved.DeepClone(), index < 0);
    }

    public JsonObject EditCommand(ulong? guildId, ulong commandId, JsonObject patch)
    {
        var current = ListCommands(guildId).OfType<JsonObject>().ToList();
        var index = current.FindIndex(c => Json.Snowflake(c["id"]) == commandId);
        if (index < 0)
        {
            throw new DiscordApiException(404, 10063, "Unknown application command");
        }
        var merged = (JsonObject)current[index].DeepClone();
        foreach (var (key, value) in patch)
        {
            merged[key] = value?.DeepClone();
        }
        var body = new JsonArray([.. current.Select(c => c.DeepClone())]);
        body[index] = merged;
        ValidateSingle(body, index);
        var all = OverwriteCommands(guildId, body);
        return (JsonObject)all[index]!.DeepClone();
    }

    public JsonObject GetCommand(ulong? guildId, ulong commandId) =>
        ListCommands(guildId).OfType<JsonObject>().FirstOrDefault(c => Json.Snowflake(c["id"]) == commandId)
        ?? throw new DiscordApiException(404, 10063, "Unknown application command");

    public void DeleteCommand(ulong? guildId, ulong commandId)
    {
        var current = ListCommands(guildId).OfType<JsonObject>().ToList();
        if (current.RemoveAll(c => Json.Snowflake(c["id"]) == commandId) == 0)
        {
            throw new DiscordApiException(404, 10063, "Unknown application command");
        }
        OverwriteCommands(guildId, new JsonArray([.. current.Select(c => c.DeepClone())]));
    }

    /// <summary>Re-roots the errors of a single-command request (reported under "0" by the bulk validator) at the body.</summary>
    private static void ValidateSingle(JsonArray body, int index)
    {
        var errors = new FormErrors();
        CommandValidator.Validate(body, errors);
        if (errors.Tree[index.ToString(System.Globalization.CultureInfo.InvariantCulture)] is JsonObject own)
        {
            throw DiscordApiException.InvalidForm((JsonObject)own.DeepClone());
        }
    }

    public JsonArray ListCommands(ulong? guildId)
    {
        if (guildId is { } g)
        {
            RequireGuild(g);
        }
        var source = guildId is { } gid ? GuildCommands.GetValueOrDefault(gid) ?? [] : GlobalCommands;
        return new JsonArray([.. source.Select(c => c.DeepClone())]);
    }

    /// <summary>A chat-input command visible in the guild: guild commands shadow global ones of the same name.</summary>
    public JsonObject? FindChatCommand(ulong guildId, string name)
    {
        bool Match(JsonObject c) => (Json.Int(c["type"]) ?? 1) == 1 && Json.Str(c["name"]) == name;
        return GuildCommands.GetValueOrDefault(guildId)?.FirstOrDefault(Match) ?? GlobalCommands.FirstOrDefault(Match);
    }
}
