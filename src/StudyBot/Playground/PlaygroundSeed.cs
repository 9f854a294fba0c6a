using StudyBot.FakeDiscord;

namespace StudyBot.Playground;

/// <summary>
/// The playground's world: guild "Paper Club" with #paper-club and #general, a normal member Ada and an administrator
/// Grace. Ids are fixed snowflakes (dated 2025-01-01) so a bot's stored data keeps pointing at the same guild, channel
/// and members across restarts.
/// </summary>
public static class PlaygroundSeed
{
    public const ulong GuildId = 1323802873036804096;
    public const ulong PaperClubChannelId = 1323802873036808192;
    public const ulong GeneralChannelId = 1323802873036812288;
    public const ulong AdaId = 1323802873036816384;
    public const ulong GraceId = 1323802873036820480;

    public const string GuildName = "Paper Club";
    public const string PaperClubChannelName = "paper-club";
    public const string GeneralChannelName = "general";

    /// <summary>Ada's own bits: none beyond what @everyone grants.</summary>
    public const string AdaPermissions = "0";

    /// <summary>Grace's own bits: ADMINISTRATOR.</summary>
    public const string GracePermissions = "8";

    /// <summary>Adds whatever of the world is missing (safe to call again, e.g. after <see cref="FakeDiscordServer.Reset"/>).</summary>
    public static void Apply(FakeDiscordServer fake)
    {
        ArgumentNullException.ThrowIfNull(fake);
        if (!fake.GetGuilds().Any(g => g.Id == GuildId))
        {
            fake.AddGuild(GuildName, GuildId, ownerId: GraceId);
        }
        var channels = fake.GetChannels(GuildId);
        if (!channels.Any(c => c.Id == PaperClubChannelId))
        {
            fake.AddChannel(GuildId, PaperClubChannelName, type: 0, id: PaperClubChannelId);
        }
        if (!channels.Any(c => c.Id == GeneralChannelId))
        {
            fake.AddChannel(GuildId, GeneralChannelName, type: 0, id: GeneralChannelId);
        }
        var members = fake.GetMembers(GuildId);
        if (!members.Any(m => m.Id == AdaId))
        {
            fake.AddMember(GuildId, "ada", "Ada", AdaPermissions, id: AdaId);
        }
        if (!members.Any(m => m.Id == GraceId))
        {
            fake.AddMember(GuildId, "grace", "Grace", GracePermissions, id: GraceId);
        }
    }
}
