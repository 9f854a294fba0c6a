namespace StudyBot.Core.Club;

/// <summary>What an admin typed into /club setup, before validation.</summary>
public sealed record ClubScheduleInput(
    ulong ChannelId,
    string Weekday,
    string Time,
    string TimeZone,
    int? DurationMinutes = null,
    string? Reminders = null,
    int? PickDaysBefore = null);
