namespace StudyBot.Core.Commands;

/// <summary>One option of a slash command, a subcommand or a subcommand group (then <see cref="Options"/> holds
/// its children). Mirrors Discord's application command option structure.</summary>
public sealed record CommandOptionDeclaration(
    string Name,
    string Description,
    CommandOptionType Type,
    bool Required = false,
    IReadOnlyList<CommandChoice>? Choices = null,
    bool Autocomplete = false,
    double? MinValue = null,
    double? MaxValue = null,
    int? MinLength = null,
    int? MaxLength = null,
    IReadOnlyList<int>? ChannelTypes = null,
    IReadOnlyList<CommandOptionDeclaration>? Options = null)
{
    public bool IsSubcommandOrGroup => Type is CommandOptionType.SubCommand or CommandOptionType.SubCommandGroup;
}
