using StudyBot.Discord.Rest;

namespace StudyBot.Discord.Interactions;

/// <summary>
/// A parsed interaction. Exactly one of <c>Command</c> (types 2 and 4), <c>Component</c> (3) or <c>Modal</c> (5)
/// is set. <c>User</c> is the invoker in guilds (from <c>member.user</c>) and DMs alike.
/// </summary>
public sealed record Interaction
{
    public required ulong Id { get; init; }
    public required ulong ApplicationId { get; init; }
    public required InteractionType Type { get; init; }

    /// <summary>The 15-minute interaction token; a credential, so <see cref="ToString"/> never prints it.</summary>
    public required string Token { get; init; }

    public required DiscordUser User { get; init; }
    public GuildMember? Member { get; init; }
    public ulong? GuildId { get; init; }
    public ulong? ChannelId { get; init; }
    public string? Locale { get; init; }
    public string? GuildLocale { get; init; }
    public ulong? AppPermissions { get; init; }

    /// <summary>For component interactions, the message the component is attached to.</summary>
    public DiscordMessage? Message { get; init; }

    public CommandData? Command { get; init; }
    public ComponentData? Component { get; init; }
    public ModalData? Modal { get; init; }

    public override string ToString() => $"Interaction {Id} ({Type}) by {User.Id} in {ChannelId}";
}
