namespace StudyBot.Core.Commands;

/// <summary>A button click or select-menu choice on a message the bot posted.</summary>
/// <param name="MessageId">The message the component is on.</param>
/// <param name="Values">The chosen values of a select menu; empty for buttons.</param>
public sealed record ComponentRequest(
    CommandMember Member,
    ulong? GuildId,
    ulong ChannelId,
    ulong MessageId,
    string CustomId,
    IReadOnlyList<string> Values)
{
    public ulong RequireGuild() => GuildId ?? throw new CommandInputException("This only works in a server.");
}
