namespace StudyBot.FakeDiscord.Model;

/// <summary>A guild channel or thread. Types follow Discord: 0 text, 2 voice, 4 category, 5 announcement,
/// 11 public thread, 12 private thread, 13 stage, 15 forum.</summary>
public sealed record FakeChannel(
    ulong Id,
    ulong GuildId,
    string Name,
    int Type,
    ulong? ParentId = null,
    ulong? OwnerId = null,
    int? AutoArchiveDuration = null,
    DateTimeOffset? CreatedAt = null)
{
    public bool IsThread => Type is 10 or 11 or 12;
}
