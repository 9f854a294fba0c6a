using StudyBot.Core.Commands;
using StudyBot.Discord.Interactions;
using StudyBot.Discord.Rest;
using CoreButton = StudyBot.Core.Commands.ButtonComponent;
using CoreSelect = StudyBot.Core.Commands.SelectMenuComponent;
using WireComponent = StudyBot.Discord.Rest.MessageComponent;

namespace StudyBot.DiscordBridge;

/// <summary>Turns the command layer's response model into Discord message and modal payloads.</summary>
public static class CommandResponseRenderer
{
    public static InteractionReply Reply(CommandResponse response) => new()
    {
        Content = response.Content,
        Embeds = response.Embeds.Count == 0 ? null : response.Embeds.Select(Embed).ToList(),
        Components = response.Components.Count == 0 ? null : response.Components.Select(Row).ToList(),
        Files = response.Files.Select(f => new FileUpload(f.FileName, f.Content, f.ContentType ?? "application/octet-stream")).ToList(),
        Ephemeral = response.Ephemeral,
    };

    public static MessageRequest Message(CommandResponse response) => Reply(response).ToMessage() with { Flags = null };

    /// <summary>For edits of an existing message: no embeds or components are sent as empty lists, which removes
    /// the old ones (leaving them out would keep, say, a Cancel button on a finished run).</summary>
    public static InteractionReply Update(CommandResponse response) =>
        Reply(response) with { Embeds = response.Embeds.Select(Embed).ToList(), Components = response.Components.Select(Row).ToList() };

    public static MessageRequest Edit(CommandResponse response) => Update(response).ToMessage() with { Flags = null };

    public static Discord.Interactions.ModalResponse Modal(Core.Commands.ModalResponse modal) =>
        new(modal.CustomId, modal.Title, modal.Inputs.Select(TextInput).ToList());

    private static Embed Embed(ResponseEmbed embed) => new()
    {
        Title = embed.Title,
        Description = embed.Description,
        Url = embed.Url,
        Color = embed.Color,
        Footer = embed.Footer is null ? null : new EmbedFooter(embed.Footer),
        Image = embed.ImageFileName is null ? null : new EmbedMedia("attachment://" + embed.ImageFileName),
        Fields = embed.Fields?.Select(f => new Discord.Rest.EmbedField(f.Name, f.Value, f.Inline ? true : null)).ToList(),
    };

    private static WireComponent TextInput(ModalTextInput input)
    {
        var labeled = WireComponent.LabeledTextInput(input.CustomId, input.Label, input.Style == TextInputStyle.Paragraph, input.Required, input.Value, input.MaxLength);
        return labeled with { Component = labeled.Component! with { MinLength = input.MinLength, Placeholder = input.Placeholder } };
    }

    private static WireComponent Row(ActionRow row) => WireComponent.ActionRow([.. row.Components.Select(Component)]);

    private static WireComponent Component(Core.Commands.MessageComponent component) => component switch
    {
        CoreButton { Url: { } url } button => WireComponent.LinkButton(url, button.Label) with { Disabled = button.Disabled ? true : null },
        CoreButton button => WireComponent.Button(button.CustomId ?? "", button.Label, (Discord.Rest.ButtonStyle)(int)button.Style, button.Disabled),
        CoreSelect select => WireComponent.StringSelect(
            select.CustomId,
            select.Options.Select(o => new SelectOption(o.Label, o.Value, o.Description, o.Default ? true : null)).ToList(),
            select.Placeholder,
            select.MinValues,
            select.MaxValues) with { Disabled = select.Disabled ? true : null },
        _ => throw new NotSupportedException($"No Discord rendering for {component.GetType().Name}."),
    };
}
