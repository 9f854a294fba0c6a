namespace StudyBot.Core.Club;

/// <summary>A server's weekly paper club.</summary>
/// <param name="LocalTime">Start time as wall-clock time in <paramref name="TimeZoneId"/>.</param>
/// <param name="TimeZoneId">IANA time zone id, e.g. "Europe/Berlin".</param>
/// <param name="ReminderOffsets">How long before the start each reminder goes out.</param>
/// <param name="PickLead">How long before the start the top of the queue becomes the session's paper.</param>
/// <param name="SkippedDates">Local dates of sessions that will not happen.</param>
public sealed record ClubSchedule(
    ulong GuildId,
    ulong ChannelId,
    DayOfWeek Day,
    TimeOnly LocalTime,
    string TimeZoneId,
    TimeSpan Duration,
    IReadOnlyList<TimeSpan> ReminderOffsets,
    TimeSpan PickLead,
    IReadOnlyList<DateOnly> SkippedDates,
    DateTimeOffset UpdatedAt)
{
    public static readonly IReadOnlyList<TimeSpan> DefaultReminderOffsets = [TimeSpan.FromHours(24), TimeSpan.FromHours(1)];
    public static readonly TimeSpan DefaultPickLead = TimeSpan.FromDays(5);
    public static readonly TimeSpan DefaultDuration = TimeSpan.FromMinutes(90);

    public TimeZoneInfo TimeZone => TimeZoneInfo.FindSystemTimeZoneById(TimeZoneId);
}
