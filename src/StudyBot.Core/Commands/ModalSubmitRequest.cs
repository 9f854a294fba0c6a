namespace StudyBot.Core.Commands;

/// <summary>A member submitted a modal the bot showed; <paramref name="Fields"/> maps text input custom ids to values.</summary>
public sealed record ModalSubmitRequest(
    CommandMember Member,
    ulong? GuildId,
    ulong ChannelId,
    string CustomId,
    IReadOnlyDictionary<string, string> Fields)
{
    public ulong RequireGuild() => GuildId ?? throw new CommandInputException("This only works in a server.");
}
