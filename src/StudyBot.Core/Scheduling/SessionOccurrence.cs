using System.Globalization;

namespace StudyBot.Core.Scheduling;

/// <summary>One computed meeting: its local date and its UTC start and end.</summary>
public sealed record SessionOccurrence(DateOnly LocalDate, DateTimeOffset StartsAt, DateTimeOffset EndsAt)
{
    /// <summary>The session id: the local date, "yyyy-MM-dd".</summary>
    public string SessionId => LocalDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
