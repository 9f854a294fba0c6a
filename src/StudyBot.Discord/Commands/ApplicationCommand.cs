namespace StudyBot.Discord.Commands;

/// <summary>
/// An application command as Discord's JSON describes it. The app declares these; <see cref="CommandRegistrar"/>
/// registers them. <c>Id</c> and <c>Version</c> are only filled in on commands read back from Discord.
/// </summary>
public sealed record ApplicationCommand
{
    public ulong? Id { get; init; }
    public ulong? Version { get; init; }
    public required string Name { get; init; }
    public string Description { get; init; } = "";
    public ApplicationCommandType? Type { get; init; }
    public IReadOnlyList<ApplicationCommandOption>? Options { get; init; }

    /// <summary>Permission bit set as a decimal string (e.g. "32" = MANAGE_GUILD); "0" hides from everyone but admins.</summary>
    public string? DefaultMemberPermissions { get; init; }

    public bool? Nsfw { get; init; }

    /// <summary>Interaction contexts: 0 guild, 1 bot DM, 2 private channel.</summary>
    public IReadOnlyList<int>? Contexts { get; init; }
}
