namespace StudyBot.FakeDiscord.Model;

/// <summary>A guild member; <paramref name="Permissions"/> is Discord's decimal bit-set string
/// (e.g. "8" for ADMINISTRATOR), sent as <c>member.permissions</c> in interactions.</summary>
public sealed record FakeMember(
    ulong Id,
    ulong GuildId,
    string Username,
    string? DisplayName,
    string Permissions,
    IReadOnlyList<ulong> RoleIds);
