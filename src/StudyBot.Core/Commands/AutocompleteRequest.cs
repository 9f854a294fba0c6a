namespace StudyBot.Core.Commands;

/// <summary>A member is typing into an autocomplete option.</summary>
/// <param name="FocusedOption">The name of the option being typed into.</param>
/// <param name="PartialValue">What has been typed so far (may be empty).</param>
/// <param name="Options">The other options already filled in.</param>
public sealed record AutocompleteRequest(
    CommandMember Member,
    ulong? GuildId,
    ulong ChannelId,
    string CommandPath,
    string FocusedOption,
    string PartialValue,
    CommandOptionSet Options)
{
    public string CommandName => CommandPath.Split(' ', 2)[0];

    public string Subcommand => CommandPath.Contains(' ', StringComparison.Ordinal) ? CommandPath.Split(' ', 2)[1] : string.Empty;
}
