using StudyBot.Core.Commands;

namespace StudyBot.Core.Tests.Commands;

/// <summary>Builds requests the way a transport would.</summary>
internal static class Requests
{
    public const ulong Guild = 1000;
    public const ulong Channel = 2000;

    public static CommandMember Member(ulong id = 11, bool admin = false) =>
        new(id, $"member{id}", admin ? DiscordPermissions.ManageGuild : 0);

    public static CommandRequest Command(string path, CommandMember? member = null, params (string Name, CommandOptionType Type, object Value)[] options) =>
        new(member ?? Member(), Guild, Channel, path, new CommandOptionSet(options.Select(o => new CommandOptionValue(o.Name, o.Type, o.Value))));

    public static (string, CommandOptionType, object) Str(string name, string value) => (name, CommandOptionType.String, value);

    public static (string, CommandOptionType, object) Int(string name, long value) => (name, CommandOptionType.Integer, value);
}
