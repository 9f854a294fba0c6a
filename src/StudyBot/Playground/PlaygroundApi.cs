using System.Globalization;
using System.Numerics;
using System.Text.Json;
using System.Text.Json.Nodes;
using StudyBot.FakeDiscord;
using StudyBot.FakeDiscord.Model;

namespace StudyBot.Playground;

/// <summary>
/// What the page can ask for, as JSON over the fake's C# control API: the guild and its registered commands, messages
/// as a member sees them, and interactions sent as that member (waiting briefly for the bot's first answer).
/// </summary>
internal sealed class PlaygroundApi(FakeDiscordServer fake, PlaygroundOptions options)
{
    private static readonly TimeSpan AutocompleteWait = TimeSpan.FromSeconds(2.5);

    public FakeDiscordServer Fake => fake;

    public FakeGuild? Guild()
    {
        var guilds = fake.GetGuilds();
        return guilds.FirstOrDefault(g => g.Id == PlaygroundSeed.GuildId) ?? (guilds.Count > 0 ? guilds[0] : null);
    }

    public JsonObject State()
    {
        // Read the event position first: anything that happens while the rest is read arrives again as an event.
        var lastEvent = fake.GetEvents(0, int.MaxValue) is { Count: > 0 } all ? all[^1].Sequence : 0;
        var guild = Guild();
        var state = new JsonObject
        {
            ["last_event"] = lastEvent,
            ["bot"] = new JsonObject
            {
                ["id"] = Id(fake.Options.ApplicationId),
                ["username"] = fake.Options.BotUsername,
                ["online"] = fake.ConnectedGatewayClients > 0,
            },
        };
        if (guild is null)
        {
            state["guild"] = null;
            state["channels"] = new JsonArray();
            state["members"] = new JsonArray();
            state["commands"] = new JsonArray();
            return state;
        }
        var roles = fake.GetRoles(guild.Id);
        state["guild"] = new JsonObject { ["id"] = Id(guild.Id), ["name"] = guild.Name };
        state["channels"] = new JsonArray([.. fake.GetChannels(guild.Id)
            .Where(c => c.Type is 0 or 5 or 11 or 12 or 10)
            .Select(c => (JsonNode)PlaygroundJson.Channel(c))]);
        state["members"] = new JsonArray([.. fake.GetMembers(guild.Id)
            .OrderBy(m => m.Id)
            .Select(m => (JsonNode)PlaygroundJson.Member(m, EffectivePermissions(m, guild.Id, roles)))]);
        var commands = fake.GetRegisteredCommands(guild.Id).Concat(fake.GetRegisteredCommands())
            .Where(c => (c["type"]?.GetValue<int>() ?? 1) == 1);
        state["commands"] = new JsonArray([.. commands.Select(c => (JsonNode)c)]);
        return state;
    }

    /// <summary>Messages of a channel as <paramref name="memberId"/> sees them (others' ephemeral replies left out).</summary>
    public JsonArray Messages(ulong channelId, ulong? memberId) =>
        new([.. fake.GetMessages(channelId, includeEphemeral: true)
            .Where(m => !m.IsEphemeral || m.InteractionUserId == memberId)
            .Select(m => (JsonNode)Message(m))]);

    public JsonObject Message(FakeMessage message) =>
        PlaygroundJson.Message(message, fake.BaseUrl, CommandLabel(message.InteractionId), InteractionUser(message.InteractionId));

    public JsonObject? Message(ulong messageId) => fake.GetMessage(messageId) is { } m ? Message(m) : null;

    public async Task<JsonObject> RunCommandAsync(JsonObject body, CancellationToken ct)
    {
        var handle = await fake.SendSlashCommandAsync(GuildOf(body), RequiredId(body, "channel_id"), RequiredId(body, "member_id"),
            RequiredString(body, "command"), Options(body["options"]), ct);
        return await AnswerAsync(handle, ct);
    }

    public async Task<JsonObject> AutocompleteAsync(JsonObject body, CancellationToken ct)
    {
        var handle = await fake.SendAutocompleteAsync(GuildOf(body), RequiredId(body, "channel_id"), RequiredId(body, "member_id"),
            RequiredString(body, "command"), RequiredString(body, "focused"), body["value"]?.ToString() ?? "", Options(body["options"]), ct);
        try
        {
            var choices = await handle.WaitForChoicesAsync(AutocompleteWait, ct);
            return new JsonObject
            {
                ["interaction_id"] = Id(handle.Id),
                ["choices"] = new JsonArray([.. choices.Select(c => (JsonNode)new JsonObject { ["name"] = c.Name, ["value"] = c.Value?.DeepClone() })]),
            };
        }
        catch (TimeoutException)
        {
            return new JsonObject { ["interaction_id"] = Id(handle.Id), ["choices"] = new JsonArray(), ["did_not_respond"] = true };
        }
    }

    public async Task<JsonObject> ClickButtonAsync(JsonObject body, CancellationToken ct)
    {
        var handle = await fake.ClickButtonAsync(RequiredId(body, "message_id"), RequiredString(body, "custom_id"), RequiredId(body, "member_id"), ct);
        return await AnswerAsync(handle, ct);
    }

    public async Task<JsonObject> SelectAsync(JsonObject body, CancellationToken ct)
    {
        var values = (body["values"] as JsonArray ?? []).Select(v => v?.ToString() ?? "").ToList();
        var handle = await fake.SelectAsync(RequiredId(body, "message_id"), RequiredString(body, "custom_id"), values, RequiredId(body, "member_id"), ct);
        return await AnswerAsync(handle, ct);
    }

    public async Task<JsonObject> SubmitModalAsync(JsonObject body, CancellationToken ct)
    {
        var values = (body["values"] as JsonObject ?? []).ToDictionary(kv => kv.Key, kv => kv.Value?.ToString() ?? "");
        var handle = await fake.SubmitModalAsync(RequiredId(body, "interaction_id"), values, ct);
        return await AnswerAsync(handle, ct);
    }

    public JsonObject Upload(string fileName, byte[] content, string? contentType)
    {
        if (content.LongLength > fake.Options.MaxFileSizeBytes)
        {
            throw new FakeDiscordException($"'{fileName}' is {content.LongLength} bytes; the limit is {fake.Options.MaxFileSizeBytes}.");
        }
        return PlaygroundJson.Attachment(fake.UploadUserAttachment(fileName, content, contentType));
    }

    public FakeAttachment? Attachment(ulong id) => fake.GetAttachment(id);

    /// <summary>Turns a fake event into (page event name, data), or null for events the page does not show.</summary>
    public (string Name, JsonObject Data)? Translate(FakeEvent e)
    {
        switch (e.Kind)
        {
            case FakeEventKinds.MessageCreated or FakeEventKinds.MessageEdited when e.MessageId is { } id:
                return Message(id) is { } message ? ("message", message) : null;
            case FakeEventKinds.MessageDeleted when e.MessageId is { } id:
                return ("message_deleted", new JsonObject { ["id"] = Id(id), ["channel_id"] = e.ChannelId is { } c ? Id(c) : null });
            case FakeEventKinds.ThreadCreated when e.ChannelId is { } threadId:
                var thread = Guild() is { } g ? fake.GetChannels(g.Id).FirstOrDefault(c => c.Id == threadId) : null;
                return thread is null ? null : ("channel", PlaygroundJson.Channel(thread));
            case FakeEventKinds.CommandsRegistered:
                return ("commands", new JsonObject());
            case FakeEventKinds.GatewayIdentified or FakeEventKinds.GatewayResumed or FakeEventKinds.GatewayDisconnected:
                return ("bot", new JsonObject { ["online"] = fake.ConnectedGatewayClients > 0 });
            default:
                return null;
        }
    }

    private async Task<JsonObject> AnswerAsync(FakeInteractionHandle handle, CancellationToken ct)
    {
        var result = new JsonObject { ["interaction_id"] = Id(handle.Id) };
        try
        {
            var callback = await handle.WaitForCallbackAsync(options.InteractionWait, ct);
            result["callback"] = new JsonObject { ["type"] = callback.Type, ["data"] = callback.Data?.DeepClone() };
        }
        catch (TimeoutException)
        {
            result["did_not_respond"] = true;
        }
        return result;
    }

    /// <summary>"/queue add" for a slash-command response; null for other interactions.</summary>
    private string? CommandLabel(ulong? interactionId)
    {
        if (interactionId is not { } id || fake.GetInteraction(id) is not { Type: 2 } interaction)
        {
            return null;
        }
        var data = interaction.Payload["data"] as JsonObject;
        var parts = new List<string> { data?["name"]?.ToString() ?? "" };
        var options = data?["options"] as JsonArray;
        while (options?.OfType<JsonObject>().FirstOrDefault(o => o["type"]?.GetValue<int>() is 1 or 2) is { } sub)
        {
            parts.Add(sub["name"]?.ToString() ?? "");
            options = sub["options"] as JsonArray;
        }
        return "/" + string.Join(' ', parts);
    }

    private JsonObject? InteractionUser(ulong? interactionId)
    {
        if (interactionId is not { } id || fake.GetInteraction(id) is not { } interaction)
        {
            return null;
        }
        var member = fake.GetMembers(interaction.GuildId).FirstOrDefault(m => m.Id == interaction.UserId);
        return new JsonObject
        {
            ["id"] = Id(interaction.UserId),
            ["name"] = member?.DisplayName ?? member?.Username ?? "someone",
        };
    }

    private static string EffectivePermissions(FakeMember member, ulong guildId, IReadOnlyList<FakeRole> roles)
    {
        var bits = BigInteger.Parse(member.Permissions, CultureInfo.InvariantCulture);
        foreach (var role in roles.Where(r => r.Id == guildId || member.RoleIds.Contains(r.Id)))
        {
            bits |= BigInteger.Parse(role.Permissions, CultureInfo.InvariantCulture);
        }
        return bits.ToString(CultureInfo.InvariantCulture);
    }

    private ulong GuildOf(JsonObject body) =>
        ParseId(body["guild_id"]) ?? Guild()?.Id ?? throw new FakeDiscordException("No guild is registered in the fake Discord.");

    private static Dictionary<string, object?> Options(JsonNode? node) =>
        (node as JsonObject ?? []).ToDictionary(kv => kv.Key, kv => Value(kv.Value));

    // The page sends typed JSON values; the fake takes CLR values and checks them against the option's type.
    private static object? Value(JsonNode? node) => node switch
    {
        null => null,
        JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
        JsonValue v when v.GetValueKind() is JsonValueKind.True or JsonValueKind.False => v.GetValue<bool>(),
        JsonValue v when v.GetValueKind() == JsonValueKind.Number && v.TryGetValue<long>(out var l) => l,
        JsonValue v when v.GetValueKind() == JsonValueKind.Number => v.GetValue<double>(),
        _ => node.ToJsonString(),
    };

    private static ulong RequiredId(JsonObject body, string name) =>
        ParseId(body[name]) ?? throw new FakeDiscordException($"'{name}' (a snowflake string) is required.");

    private static string RequiredString(JsonObject body, string name) =>
        body[name]?.ToString() is { Length: > 0 } s ? s : throw new FakeDiscordException($"'{name}' is required.");

    private static ulong? ParseId(JsonNode? node) =>
        ulong.TryParse(node?.ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0 ? id : null;

    private static string Id(ulong id) => id.ToString(CultureInfo.InvariantCulture);
}
