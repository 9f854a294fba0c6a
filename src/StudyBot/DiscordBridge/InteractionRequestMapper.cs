using System.Globalization;
using System.Text.Json;
using StudyBot.Core.Commands;
using StudyBot.Discord.Commands;
using StudyBot.Discord.Interactions;

namespace StudyBot.DiscordBridge;

/// <summary>Turns a parsed Discord interaction into the transport-independent requests of the command layer.</summary>
public static class InteractionRequestMapper
{
    public static CommandMember Member(Interaction interaction)
    {
        var user = interaction.Member?.User ?? interaction.User;
        var name = interaction.Member?.Nick ?? user.GlobalName ?? user.Username;
        return new CommandMember(user.Id, string.IsNullOrEmpty(name) ? user.Id.ToString(CultureInfo.InvariantCulture) : name, interaction.Member?.Permissions ?? 0);
    }

    public static CommandRequest Command(Interaction interaction, CommandData command) =>
        new(Member(interaction), interaction.GuildId, interaction.ChannelId ?? 0, command.FullName, Options(command, includeFocused: true));

    public static AutocompleteRequest Autocomplete(Interaction interaction, CommandData command)
    {
        var focused = command.FocusedOption;
        var partial = focused is null ? "" : focused.Value.ValueKind == JsonValueKind.String ? focused.Value.GetString() ?? "" : focused.Value.GetRawText();
        return new AutocompleteRequest(
            Member(interaction), interaction.GuildId, interaction.ChannelId ?? 0, command.FullName,
            focused?.Name ?? "", partial, Options(command, includeFocused: false));
    }

    public static ComponentRequest Component(Interaction interaction, ComponentData component) =>
        new(Member(interaction), interaction.GuildId, interaction.ChannelId ?? 0, interaction.Message?.Id ?? 0, component.CustomId, component.Values);

    public static ModalSubmitRequest ModalSubmit(Interaction interaction, ModalData modal) =>
        new(Member(interaction), interaction.GuildId, interaction.ChannelId ?? 0, modal.CustomId,
            modal.Fields.ToDictionary(f => f.CustomId, f => f.Value ?? string.Join(',', f.Values), StringComparer.Ordinal));

    /// <summary>Leaf options with values typed as the command layer expects. A value of the wrong JSON kind is
    /// left out, so the router reports it as missing or invalid instead of this layer throwing.</summary>
    private static CommandOptionSet Options(CommandData command, bool includeFocused)
    {
        var values = new List<CommandOptionValue>();
        foreach (var option in command.Options)
        {
            if (option.Focused && !includeFocused)
            {
                continue;
            }

            if (Convert(command, option) is { } value)
            {
                values.Add(new CommandOptionValue(option.Name, (CommandOptionType)(int)option.Type, value));
            }
        }

        return new CommandOptionSet(values);
    }

    private static object? Convert(CommandData command, CommandOption option)
    {
        var json = option.Value;
        return option.Type switch
        {
            ApplicationCommandOptionType.String => json.ValueKind == JsonValueKind.String ? json.GetString() : null,
            ApplicationCommandOptionType.Integer => json.ValueKind == JsonValueKind.Number && json.TryGetInt64(out var l) ? l : null,
            ApplicationCommandOptionType.Number => json.ValueKind == JsonValueKind.Number ? json.GetDouble() : null,
            ApplicationCommandOptionType.Boolean => json.ValueKind is JsonValueKind.True or JsonValueKind.False ? json.GetBoolean() : null,
            ApplicationCommandOptionType.Attachment => Attachment(command, json),
            ApplicationCommandOptionType.User or ApplicationCommandOptionType.Channel or ApplicationCommandOptionType.Role
                or ApplicationCommandOptionType.Mentionable => Snowflake(json),
            _ => null,
        };
    }

    private static object? Snowflake(JsonElement json) =>
        json.ValueKind == JsonValueKind.String && ulong.TryParse(json.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;

    private static CommandAttachment? Attachment(CommandData command, JsonElement json) =>
        Snowflake(json) is ulong id && command.Resolved.Attachments.TryGetValue(id, out var a)
            ? new CommandAttachment(a.Id, a.Filename, a.Url ?? "", a.Size, a.ContentType)
            : null;
}
