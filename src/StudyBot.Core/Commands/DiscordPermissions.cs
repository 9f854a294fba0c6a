namespace StudyBot.Core.Commands;

/// <summary>The Discord permission bits the command layer cares about.</summary>
public static class DiscordPermissions
{
    public const ulong Administrator = 1UL << 3;
    public const ulong ManageGuild = 1UL << 5;
}
