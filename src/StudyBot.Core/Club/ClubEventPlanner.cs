using StudyBot.Core.Scheduling;

namespace StudyBot.Core.Club;

/// <summary>Which club events are still to handle: what the scheduler should have triggers for. Kept apart from
/// <see cref="ClubEventService"/> because the scheduler that consumes the plan is also the service's
/// <see cref="IClubScheduleListener"/>.</summary>
public sealed class ClubEventPlanner(IClubRepository clubs, IClubEventLog log, TimeProvider time)
{
    /// <summary>How many upcoming sessions have their events planned at any time.</summary>
    public const int SessionsAhead = 2;

    public async Task<IReadOnlyList<ulong>> ClubGuildsAsync(CancellationToken cancellationToken) =>
        (await clubs.ListSchedulesAsync(cancellationToken)).Select(s => s.GuildId).ToList();

    /// <summary>The events still to handle for the guild's next sessions (including overdue ones not yet
    /// recorded, which the scheduler should fire at once so the grace rule decides about them), and the end of every
    /// stored session that is still planned and has started: one under way keeps its stored end even when the
    /// schedule changed meanwhile (its weekday, time or duration), and one whose end has passed (it ended while the
    /// bot was down) still ends, late, so the session is closed, its attendance kept and it shows in the history.
    /// Where the schedule yields the same end, the stored session's is kept.</summary>
    public async Task<IReadOnlyList<ClubEvent>> PlanAsync(ulong guildId, CancellationToken cancellationToken)
    {
        var schedule = await clubs.GetScheduleAsync(guildId, cancellationToken);
        if (schedule is null)
        {
            return [];
        }

        var now = time.GetUtcNow();
        var planned = new List<ClubEvent>();
        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var started in (await clubs.ListSessionsAsync(guildId, cancellationToken)).Where(s => s.Status == SessionStatus.Planned && s.StartsAt <= now))
        {
            var end = ClubEvent.EndOf(started);
            if (!await log.IsRecordedAsync(end.Key, cancellationToken) && keys.Add(end.Key))
            {
                planned.Add(end);
            }
        }

        foreach (var occurrence in ClubOccurrences.EndingAfter(schedule, now).Where(o => !schedule.SkippedDates.Contains(o.LocalDate)).Take(SessionsAhead))
        {
            var session = await clubs.EnsureSessionAsync(ClubSession.Planned(guildId, occurrence.SessionId, occurrence.StartsAt, occurrence.EndsAt), cancellationToken);
            if (session.Status != SessionStatus.Planned)
            {
                continue;
            }

            foreach (var clubEvent in ClubOccurrences.Events(schedule, occurrence))
            {
                if (!keys.Contains(clubEvent.Key) && !await log.IsRecordedAsync(clubEvent.Key, cancellationToken) && keys.Add(clubEvent.Key))
                {
                    planned.Add(clubEvent);
                }
            }
        }

        return planned.OrderBy(e => e.DueAt).ToList();
    }
}
