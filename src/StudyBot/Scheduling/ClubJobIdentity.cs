using System.Globalization;
using Quartz;
using StudyBot.Core.Club;

namespace StudyBot.Scheduling;

/// <summary>Job and trigger identities derived from (guild, session, kind, offset), so rebuilding the plan after a
/// restart or a schedule change finds and replaces the same jobs instead of adding duplicates. The job data carries
/// the event itself.</summary>
public static class ClubJobIdentity
{
    private const string GuildKey = "guild";
    private const string SessionKey = "session";
    private const string KindKey = "kind";
    private const string OffsetKey = "offsetMinutes";
    private const string DueKey = "dueUtcTicks";

    public static string Group(ulong guildId) => string.Create(CultureInfo.InvariantCulture, $"club-{guildId}");

    public static JobKey JobKeyFor(ClubEvent clubEvent) => new(clubEvent.Key, Group(clubEvent.GuildId));

    public static TriggerKey TriggerKeyFor(ClubEvent clubEvent) => new(clubEvent.Key, Group(clubEvent.GuildId));

    public static JobDataMap ToData(ClubEvent clubEvent)
    {
        var map = new JobDataMap
        {
            [GuildKey] = clubEvent.GuildId.ToString(CultureInfo.InvariantCulture),
            [SessionKey] = clubEvent.SessionId,
            [KindKey] = clubEvent.Kind.ToString(),
            [DueKey] = clubEvent.DueAt.UtcTicks.ToString(CultureInfo.InvariantCulture),
        };
        if (clubEvent.Offset is { } offset)
        {
            map[OffsetKey] = ((long)offset.TotalMinutes).ToString(CultureInfo.InvariantCulture);
        }

        return map;
    }

    public static ClubEvent FromData(JobDataMap map) => new(
        ulong.Parse(Read(map, GuildKey), CultureInfo.InvariantCulture),
        Read(map, SessionKey),
        Enum.Parse<ClubEventKind>(Read(map, KindKey)),
        map.ContainsKey(OffsetKey) ? TimeSpan.FromMinutes(long.Parse(Read(map, OffsetKey), CultureInfo.InvariantCulture)) : null,
        new DateTimeOffset(long.Parse(Read(map, DueKey), CultureInfo.InvariantCulture), TimeSpan.Zero));

    private static string Read(JobDataMap map, string key) =>
        map.TryGetValue(key, out var value) && value is string text ? text : throw new InvalidOperationException($"Club job data lacks '{key}'.");
}
