using System.Collections.Concurrent;

namespace StudyBot.Storage.Queue;

/// <summary>
/// One lock object per (database file, aggregate, guild). LiteDB serialises single operations, but a
/// read-modify-write (add a vote to a list) spans several; holding this lock around them keeps concurrent
/// commands from overwriting each other's changes, even across repository instances on the same file.
/// </summary>
internal static class GuildWriteLock
{
    private static readonly ConcurrentDictionary<string, object> Locks = new(StringComparer.Ordinal);

    public static object For(StudyBotDatabase database, string aggregate, ulong guildId) =>
        Locks.GetOrAdd($"{database.FilePath}|{aggregate}|{guildId}", _ => new object());
}
