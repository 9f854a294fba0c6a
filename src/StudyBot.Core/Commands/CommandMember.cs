namespace StudyBot.Core.Commands;

/// <summary>The member who invoked a command, with their resolved permission bits in the channel.</summary>
public sealed record CommandMember(ulong UserId, string DisplayName, ulong Permissions)
{
    /// <summary>Administrators and members who may manage the server count as club admins.</summary>
    public bool IsAdmin => (Permissions & (DiscordPermissions.Administrator | DiscordPermissions.ManageGuild)) != 0;
}
