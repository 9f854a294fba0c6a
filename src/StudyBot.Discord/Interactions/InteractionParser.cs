using System.Text.Json;
using StudyBot.Discord.Commands;
using StudyBot.Discord.Interactions.Wire;
using StudyBot.Discord.Json;
using StudyBot.Discord.Rest;

namespace StudyBot.Discord.Interactions;

/// <summary>
/// Turns INTERACTION_CREATE JSON into an <see cref="Interaction"/>, or throws <see cref="InteractionFormatException"/>
/// naming what is wrong. PING (type 1) parses too, with no user; callers answer it before parsing further.
/// </summary>
public static class InteractionParser
{
    private static readonly DiscordUser NoUser = new();

    public static Interaction Parse(ReadOnlySpan<byte> utf8Json)
    {
        try
        {
            using var document = JsonDocument.Parse(utf8Json.ToArray());
            return Parse(document.RootElement);
        }
        catch (JsonException ex)
        {
            throw new InteractionFormatException($"Interaction payload is not valid JSON: {ex.Message}", ex);
        }
    }

    public static Interaction Parse(JsonElement json)
    {
        if (json.ValueKind != JsonValueKind.Object)
        {
            throw new InteractionFormatException("Interaction payload must be a JSON object.");
        }

        var payload = Deserialize(json, DiscordJsonContext.Default.InteractionPayload, "interaction");
        if (payload.Id == 0)
        {
            throw new InteractionFormatException("Interaction has no id.");
        }

        if (!Enum.IsDefined((InteractionType)payload.Type))
        {
            throw new InteractionFormatException($"Interaction {payload.Id} has unknown type {payload.Type}.");
        }

        var type = (InteractionType)payload.Type;
        if (string.IsNullOrEmpty(payload.Token))
        {
            throw new InteractionFormatException($"Interaction {payload.Id} has no token.");
        }

        var user = payload.Member?.User ?? payload.User;
        if (user is null && type != InteractionType.Ping)
        {
            throw new InteractionFormatException($"Interaction {payload.Id} has neither member.user nor user.");
        }

        var interaction = new Interaction
        {
            Id = payload.Id,
            ApplicationId = payload.ApplicationId,
            Type = type,
            Token = payload.Token,
            User = user ?? NoUser,
            Member = payload.Member is { User: { } memberUser } member
                ? new GuildMember(memberUser, member.Roles ?? [], member.Permissions ?? 0, member.Nick)
                : null,
            GuildId = payload.GuildId,
            ChannelId = payload.ChannelId,
            Locale = payload.Locale,
            GuildLocale = payload.GuildLocale,
            AppPermissions = payload.AppPermissions,
            Message = payload.Message,
        };

        return type switch
        {
            InteractionType.Ping => interaction,
            InteractionType.ApplicationCommand or InteractionType.ApplicationCommandAutocomplete =>
                interaction with { Command = ParseCommand(RequireData(payload)) },
            InteractionType.MessageComponent => interaction with { Component = ParseComponent(RequireData(payload)) },
            InteractionType.ModalSubmit => interaction with { Modal = ParseModal(RequireData(payload)) },
            _ => throw new InteractionFormatException($"Interaction {payload.Id} has unknown type {payload.Type}."),
        };
    }

    private static JsonElement RequireData(InteractionPayload payload) =>
        payload.Data is { ValueKind: JsonValueKind.Object } data
            ? data
            : throw new InteractionFormatException($"Interaction {payload.Id} of type {payload.Type} has no data object.");

    private static CommandData ParseCommand(JsonElement json)
    {
        var data = Deserialize(json, DiscordJsonContext.Default.CommandDataPayload, "command data");
        if (string.IsNullOrEmpty(data.Name))
        {
            throw new InteractionFormatException("Command data has no name.");
        }

        string? group = null;
        string? subcommand = null;
        var options = data.Options ?? [];

        // Subcommands nest as a single option holding the next level's options.
        if (options is [{ Type: (int)ApplicationCommandOptionType.SubCommandGroup } groupOption])
        {
            group = RequireName(groupOption);
            options = groupOption.Options ?? [];
        }

        if (options is [{ Type: (int)ApplicationCommandOptionType.SubCommand } subOption])
        {
            subcommand = RequireName(subOption);
            options = subOption.Options ?? [];
        }

        var leaves = new List<CommandOption>(options.Count);
        foreach (var option in options)
        {
            if (option.Type is (int)ApplicationCommandOptionType.SubCommand or (int)ApplicationCommandOptionType.SubCommandGroup)
            {
                throw new InteractionFormatException($"Subcommand '{option.Name}' appears next to other options.");
            }

            if (!Enum.IsDefined((ApplicationCommandOptionType)option.Type))
            {
                throw new InteractionFormatException($"Option '{option.Name}' has unknown type {option.Type}.");
            }

            leaves.Add(new CommandOption(RequireName(option), (ApplicationCommandOptionType)option.Type, option.Value ?? default, option.Focused ?? false));
        }

        return new CommandData(
            data.Id,
            data.Name,
            (ApplicationCommandType)(data.Type ?? 1),
            group,
            subcommand,
            leaves,
            ParseResolved(data.Resolved),
            data.TargetId);
    }

    private static ResolvedData ParseResolved(ResolvedPayload? resolved)
    {
        if (resolved is null)
        {
            return ResolvedData.Empty;
        }

        var users = new Dictionary<ulong, DiscordUser>();
        foreach (var (key, user) in resolved.Users ?? [])
        {
            users[ParseId(key)] = user;
        }

        var attachments = new Dictionary<ulong, DiscordAttachment>();
        foreach (var (key, attachment) in resolved.Attachments ?? [])
        {
            attachments[ParseId(key)] = attachment;
        }

        return new ResolvedData(users, attachments);
    }

    private static ComponentData ParseComponent(JsonElement json)
    {
        var data = Deserialize(json, DiscordJsonContext.Default.ComponentDataPayload, "component data");
        if (string.IsNullOrEmpty(data.CustomId))
        {
            throw new InteractionFormatException("Component data has no custom_id.");
        }

        return new ComponentData(data.CustomId, (ComponentType)data.ComponentType, data.Values ?? []);
    }

    private static ModalData ParseModal(JsonElement json)
    {
        var data = Deserialize(json, DiscordJsonContext.Default.ModalDataPayload, "modal data");
        if (string.IsNullOrEmpty(data.CustomId))
        {
            throw new InteractionFormatException("Modal data has no custom_id.");
        }

        var fields = new List<ModalField>();
        foreach (var component in data.Components ?? [])
        {
            CollectInputs(component, fields);
        }

        return new ModalData(data.CustomId, fields);
    }

    // Old modals wrap inputs in action rows (type 1, "components"); new ones in labels (type 18, "component").
    private static void CollectInputs(ModalComponentPayload component, List<ModalField> fields)
    {
        if (component.Component is { } wrapped)
        {
            CollectInputs(wrapped, fields);
        }

        foreach (var child in component.Components ?? [])
        {
            CollectInputs(child, fields);
        }

        if (component.CustomId is { Length: > 0 } customId)
        {
            fields.Add(new ModalField(customId, (ComponentType)component.Type, component.Value, component.Values ?? []));
        }
    }

    private static string RequireName(OptionPayload option) =>
        string.IsNullOrEmpty(option.Name) ? throw new InteractionFormatException("An option has no name.") : option.Name;

    private static ulong ParseId(string key) =>
        ulong.TryParse(key, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id)
            ? id
            : throw new InteractionFormatException($"Resolved entry key '{key}' is not an id.");

    private static T Deserialize<T>(JsonElement json, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> typeInfo, string what)
    {
        try
        {
            return json.Deserialize(typeInfo) ?? throw new InteractionFormatException($"The {what} is null.");
        }
        catch (JsonException ex)
        {
            throw new InteractionFormatException($"The {what} has a field of the wrong type ({ex.Path}): {ex.Message}", ex);
        }
    }
}
