using System.Globalization;
using StudyBot.Core.Commands;
using StudyBot.Discord.Commands;

namespace StudyBot.DiscordBridge;

/// <summary>Maps the command layer's declarations onto Discord's application-command JSON models.</summary>
public static class DeclarationMapper
{
    public static ApplicationCommand Command(CommandDeclaration declaration) => new()
    {
        Name = declaration.Name,
        Description = declaration.Description,
        Type = ApplicationCommandType.ChatInput,
        Options = declaration.Options.Count == 0 ? null : declaration.Options.Select(Option).ToList(),
        DefaultMemberPermissions = declaration.DefaultMemberPermissions?.ToString(CultureInfo.InvariantCulture),
        Contexts = [0],
    };

    public static ApplicationCommandOptionChoice Choice(CommandChoice choice) => choice.Value switch
    {
        long l => ApplicationCommandOptionChoice.Of(choice.Name, l),
        int i => ApplicationCommandOptionChoice.Of(choice.Name, i),
        double d => ApplicationCommandOptionChoice.Of(choice.Name, d),
        _ => ApplicationCommandOptionChoice.Of(choice.Name, Convert.ToString(choice.Value, CultureInfo.InvariantCulture) ?? ""),
    };

    private static ApplicationCommandOption Option(CommandOptionDeclaration option) => new()
    {
        Type = (ApplicationCommandOptionType)(int)option.Type,
        Name = option.Name,
        Description = option.Description,
        Required = option.IsSubcommandOrGroup ? null : option.Required ? true : null,
        Choices = option.Choices?.Select(Choice).ToList(),
        Autocomplete = option.Autocomplete ? true : null,
        MinValue = option.MinValue,
        MaxValue = option.MaxValue,
        MinLength = option.MinLength,
        MaxLength = option.MaxLength,
        ChannelTypes = option.ChannelTypes,
        Options = option.Options?.Select(Option).ToList(),
    };
}
