namespace StudyBot.Core.Club;

/// <summary>Everything the transport needs to post about a session.</summary>
/// <param name="PaperKey">The picked paper's library id or arXiv id (look it up in the paper catalog for notes);
/// null when nothing was picked (empty queue).</param>
/// <param name="RsvpCustomIds">Custom ids for RSVP buttons: going, maybe, not going (see <see cref="RsvpCustomId"/>).</param>
public sealed record ClubAnnouncement(
    ulong GuildId,
    ulong ChannelId,
    string SessionId,
    DateTimeOffset StartsAt,
    DateTimeOffset EndsAt,
    string TimeZoneId,
    string? PaperKey,
    string? PaperTitle,
    ulong? PresenterId,
    RsvpCounts Rsvps,
    IReadOnlyList<string> RsvpCustomIds);
