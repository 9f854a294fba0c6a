namespace StudyBot.Core.Club;

/// <summary>One weekly meeting. <see cref="SessionId"/> is the local date ("2026-03-26"), unique per guild.</summary>
/// <param name="Rsvps">Each member's latest answer.</param>
/// <param name="Attendees">Members who were going when the session ended (the attendance record).</param>
public sealed record ClubSession(
    ulong GuildId,
    string SessionId,
    DateTimeOffset StartsAt,
    DateTimeOffset EndsAt,
    SessionStatus Status,
    string? PaperKey,
    string? PaperTitle,
    ulong? PresenterId,
    IReadOnlyDictionary<ulong, RsvpAnswer> Rsvps,
    IReadOnlyList<ulong> Attendees)
{
    public RsvpCounts Counts => RsvpCounts.Of(Rsvps);

    public static ClubSession Planned(ulong guildId, string sessionId, DateTimeOffset startsAt, DateTimeOffset endsAt) =>
        new(guildId, sessionId, startsAt, endsAt, SessionStatus.Planned, null, null, null, new Dictionary<ulong, RsvpAnswer>(), []);
}
