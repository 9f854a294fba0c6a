using System.Globalization;
using System.Text.RegularExpressions;

namespace StudyBot.Core.Club;

/// <summary>Turns /club setup text into schedule values, with member-facing messages for every way it can be wrong.</summary>
public static partial class ClubScheduleParser
{
    public static readonly TimeSpan MaxDuration = TimeSpan.FromHours(8);

    private static readonly string[] DayNames = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"];

    public static DayOfWeek ParseWeekday(string text)
    {
        var input = text.Trim().ToLowerInvariant();
        if (input.Length >= 2)
        {
            var matches = DayNames.Select((name, index) => (name, index)).Where(d => d.name.StartsWith(input, StringComparison.Ordinal)).ToList();
            if (matches.Count == 1)
            {
                return (DayOfWeek)matches[0].index;
            }
        }

        var suggestion = DayNames.MinBy(name => EditDistance(name, input))!;
        throw new ClubRuleException(
            $"`{text}` is not a weekday. Did you mean **{CultureInfo.InvariantCulture.TextInfo.ToTitleCase(suggestion)}**? Use a day name like `Thursday` (or `thu`).");
    }

    public static TimeOnly ParseTime(string text)
    {
        var match = TimePattern().Match(text.Trim());
        if (match.Success)
        {
            var hour = int.Parse(match.Groups["h"].Value, CultureInfo.InvariantCulture);
            var minute = int.Parse(match.Groups["m"].Value, CultureInfo.InvariantCulture);
            if (hour < 24 && minute < 60)
            {
                return new TimeOnly(hour, minute);
            }
        }

        throw new ClubRuleException($"`{text}` is not a time of day. Use 24-hour `HH:MM`, e.g. `19:00` or `07:30`.");
    }

    /// <summary>The IANA zone, validated by the system's time zone database.</summary>
    public static string ParseTimeZone(string text)
    {
        var id = text.Trim();
        try
        {
            if (id.Length > 0)
            {
                var zone = TimeZoneInfo.FindSystemTimeZoneById(id);
                // Windows ids are accepted by the system on Linux too; store the IANA form.
                return TimeZoneInfo.TryConvertWindowsIdToIanaId(zone.Id, out var iana) ? iana : zone.Id;
            }
        }
        catch (TimeZoneNotFoundException)
        {
        }
        catch (InvalidTimeZoneException)
        {
        }

        throw new ClubRuleException($"`{text}` is not a time zone I know. Use an IANA time zone name such as `Europe/Berlin`, `America/New_York` or `UTC`.");
    }

    public static TimeSpan ParseDuration(int? minutes)
    {
        var duration = minutes is { } m ? TimeSpan.FromMinutes(m) : ClubSchedule.DefaultDuration;
        if (duration < TimeSpan.FromMinutes(15) || duration > MaxDuration)
        {
            throw new ClubRuleException("The duration must be between 15 and 480 minutes.");
        }

        return duration;
    }

    /// <summary>Comma-separated offsets like "24h, 1h, 30m, 2d"; the defaults (24 h and 1 h) when empty.</summary>
    public static IReadOnlyList<TimeSpan> ParseReminders(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return ClubSchedule.DefaultReminderOffsets;
        }

        if (text.Trim().Equals("none", StringComparison.OrdinalIgnoreCase))
        {
            return [];
        }

        var offsets = new List<TimeSpan>();
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var match = OffsetPattern().Match(part);
            if (!match.Success)
            {
                throw new ClubRuleException($"`{part}` is not a reminder offset. Use values like `24h, 1h` (units: d, h, m), or `none`.");
            }

            var amount = int.Parse(match.Groups["n"].Value, CultureInfo.InvariantCulture);
            var offset = match.Groups["u"].Value.ToLowerInvariant() switch
            {
                "d" => TimeSpan.FromDays(amount),
                "h" => TimeSpan.FromHours(amount),
                _ => TimeSpan.FromMinutes(amount),
            };
            if (offset < TimeSpan.FromMinutes(1) || offset >= TimeSpan.FromDays(7))
            {
                throw new ClubRuleException($"Reminder `{part}` must be at least a minute and less than a week before the session.");
            }

            offsets.Add(offset);
        }

        if (offsets.Count > 5)
        {
            throw new ClubRuleException("At most 5 reminders per session.");
        }

        return offsets.Distinct().OrderByDescending(o => o).ToList();
    }

    public static TimeSpan ParsePickLead(int? days)
    {
        var lead = days is { } d ? TimeSpan.FromDays(d) : ClubSchedule.DefaultPickLead;
        if (lead < TimeSpan.Zero || lead >= TimeSpan.FromDays(7))
        {
            throw new ClubRuleException("The paper is picked 0 to 6 days before the session.");
        }

        return lead;
    }

    private static int EditDistance(string a, string b)
    {
        var previous = Enumerable.Range(0, b.Length + 1).ToArray();
        for (var i = 1; i <= a.Length; i++)
        {
            var current = new int[b.Length + 1];
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            }

            previous = current;
        }

        return previous[b.Length];
    }

    [GeneratedRegex(@"^(?<h>[0-9]{1,2}):(?<m>[0-9]{2})$")]
    private static partial Regex TimePattern();

    [GeneratedRegex(@"^(?<n>[0-9]{1,4})\s*(?<u>[dhmDHM])$")]
    private static partial Regex OffsetPattern();
}
