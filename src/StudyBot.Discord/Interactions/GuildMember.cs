using StudyBot.Discord.Rest;

namespace StudyBot.Discord.Interactions;

/// <summary>The invoking member in a guild; <c>Permissions</c> are the member's effective permissions in the channel.</summary>
public sealed record GuildMember(DiscordUser User, IReadOnlyList<ulong> Roles, ulong Permissions, string? Nick)
{
    /// <summary>True when every bit of <paramref name="permission"/> is set, or the member is an administrator (1 &lt;&lt; 3).</summary>
    public bool HasPermission(ulong permission) => (Permissions & (1UL << 3)) != 0 || (Permissions & permission) == permission;
}
