using System.Globalization;

namespace StudyBot.Core.Club;

/// <summary>Something that happens at a fixed instant for one session. <see cref="Key"/> is stable for the same
/// (guild, session, kind, offset), so it names scheduler jobs and records in the sent-events log.</summary>
/// <param name="Offset">For reminders, how long before the start; null otherwise.</param>
public sealed record ClubEvent(ulong GuildId, string SessionId, ClubEventKind Kind, TimeSpan? Offset, DateTimeOffset DueAt)
{
    public string Key => Offset is { } offset
        ? string.Create(CultureInfo.InvariantCulture, $"{GuildId}:{SessionId}:{Kind.ToString().ToLowerInvariant()}:{(long)offset.TotalMinutes}m")
        : string.Create(CultureInfo.InvariantCulture, $"{GuildId}:{SessionId}:{Kind.ToString().ToLowerInvariant()}");

    /// <summary>The end of a stored session, due at the end the session has stored.</summary>
    public static ClubEvent EndOf(ClubSession session) => new(session.GuildId, session.SessionId, ClubEventKind.End, null, session.EndsAt);
}
