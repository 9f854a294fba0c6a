namespace StudyBot.Core.Commands;

/// <summary>A slash command invocation, independent of the transport.</summary>
/// <param name="GuildId">The server the command was used in; null in a direct message.</param>
/// <param name="CommandPath">The command and its subcommand names separated by single spaces, e.g. "queue add".</param>
/// <param name="Options">The leaf options the member supplied.</param>
public sealed record CommandRequest(
    CommandMember Member,
    ulong? GuildId,
    ulong ChannelId,
    string CommandPath,
    CommandOptionSet Options)
{
    public string CommandName => CommandPath.Split(' ', 2)[0];

    /// <summary>The path below the command name ("add" for "queue add", "presenter signup" for a group).</summary>
    public string Subcommand => CommandPath.Contains(' ', StringComparison.Ordinal) ? CommandPath.Split(' ', 2)[1] : string.Empty;

    /// <summary>The server id, or a member-facing error for commands that only make sense in a server.</summary>
    public ulong RequireGuild() => GuildId ?? throw new CommandInputException("This command only works in a server.");

    public string GetString(string name) => Options.GetString(name);

    public string? GetOptionalString(string name) => Options.GetOptionalString(name);

    public long GetInt64(string name) => Options.GetInt64(name);

    public long? GetOptionalInt64(string name) => Options.GetOptionalInt64(name);

    public bool GetBoolean(string name) => Options.GetBoolean(name);

    public bool? GetOptionalBoolean(string name) => Options.GetOptionalBoolean(name);

    public double GetDouble(string name) => Options.GetDouble(name);

    public double? GetOptionalDouble(string name) => Options.GetOptionalDouble(name);

    public ulong GetSnowflake(string name) => Options.GetSnowflake(name);

    public ulong? GetOptionalSnowflake(string name) => Options.GetOptionalSnowflake(name);

    public CommandAttachment GetAttachment(string name) => Options.GetAttachment(name);

    public CommandAttachment? GetOptionalAttachment(string name) => Options.GetOptionalAttachment(name);
}
