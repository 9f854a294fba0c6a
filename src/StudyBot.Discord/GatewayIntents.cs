namespace StudyBot.Discord;

/// <summary>Gateway intent bits StudyBot knows about; the privileged ones exist only so they can be rejected.</summary>
[Flags]
public enum GatewayIntents
{
    None = 0,
    Guilds = 1 << 0,
    GuildMembers = 1 << 1,
    GuildPresences = 1 << 8,
    MessageContent = 1 << 15,
}
