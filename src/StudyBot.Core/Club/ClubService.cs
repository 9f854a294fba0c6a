using Microsoft.Extensions.Logging;
using StudyBot.Core.Commands;
using StudyBot.Core.Members;
using StudyBot.Core.Queue;
using StudyBot.Core.Scheduling;

namespace StudyBot.Core.Club;

/// <summary>What members and admins do with the club: set it up, look ahead, skip, RSVP, volunteer to present.
/// Every input is validated before anything is stored. Changes that affect sessions already published on the server
/// (a skip, a new time) are passed on to the <see cref="IClubAnnouncer"/> after they are stored; a failure there is
/// logged and never loses the stored change.</summary>
public sealed partial class ClubService(
    IClubRepository repository,
    IReadingQueueRepository queue,
    IClubScheduleListener listener,
    IClubAnnouncer announcer,
    TimeProvider time,
    ILogger<ClubService> logger)
{
    public async Task<ClubSchedule> SetupAsync(ulong guildId, ClubMember member, ClubScheduleInput input, CancellationToken cancellationToken)
    {
        RequireAdmin(member, "change the club schedule");
        var now = time.GetUtcNow();
        var existing = await repository.GetScheduleAsync(guildId, cancellationToken);
        var day = ClubScheduleParser.ParseWeekday(input.Weekday);
        // Options left out keep what the club has; the defaults are for a new club.
        var schedule = new ClubSchedule(
            guildId,
            input.ChannelId,
            day,
            ClubScheduleParser.ParseTime(input.Time),
            ClubScheduleParser.ParseTimeZone(input.TimeZone),
            input.DurationMinutes is null && existing is not null ? existing.Duration : ClubScheduleParser.ParseDuration(input.DurationMinutes),
            string.IsNullOrWhiteSpace(input.Reminders) && existing is not null ? existing.ReminderOffsets : ClubScheduleParser.ParseReminders(input.Reminders),
            input.PickDaysBefore is null && existing is not null ? existing.PickLead : ClubScheduleParser.ParsePickLead(input.PickDaysBefore),
            existing?.SkippedDates.Where(d => d.DayOfWeek == day && d >= DateOnly.FromDateTime(now.UtcDateTime).AddDays(-1)).ToList() ?? [],
            now);

        await repository.SaveScheduleAsync(schedule, cancellationToken);
        var changes = await ReconcileFutureSessionsAsync(schedule, now, cancellationToken);
        await listener.ScheduleChangedAsync(guildId, cancellationToken);
        foreach (var moved in changes.Moved)
        {
            await PublishAsync("reschedule", moved, announcer.SessionRescheduledAsync, cancellationToken);
        }

        foreach (var dropped in changes.Dropped)
        {
            await PublishAsync("cancel", dropped, announcer.SessionCanceledAsync, cancellationToken);
        }

        return schedule;
    }

    public async Task<NextSessionView> NextAsync(ulong guildId, CancellationToken cancellationToken)
    {
        var schedule = await RequireScheduleAsync(guildId, cancellationToken);
        var now = time.GetUtcNow();
        var occurrence = NextOccurrence(schedule, now);
        var session = await repository.EnsureSessionAsync(ClubSession.Planned(guildId, occurrence.SessionId, occurrence.StartsAt, occurrence.EndsAt), cancellationToken);
        QueuedPaper? likelyPaper = null;
        ulong? likelyPresenter = null;
        if (session.PaperKey is null)
        {
            var queued = await queue.ListAsync(guildId, cancellationToken);
            likelyPaper = queued.Count > 0 ? queued[0] : null;
        }

        if (session.PresenterId is null)
        {
            var rota = PresenterRotation.Order(await repository.ListVolunteersAsync(guildId, cancellationToken));
            likelyPresenter = rota.Count > 0 ? rota[0].MemberId : null;
        }

        var pickAt = occurrence.StartsAt - schedule.PickLead;
        return new NextSessionView(schedule, session, pickAt, likelyPaper, likelyPresenter, PickPassed: pickAt <= now);
    }

    /// <summary>How many sessions after a skipped or dropped one are searched for a free slot for its paper.</summary>
    private const int CarryHorizon = 8;

    /// <summary>Skips the next session; a paper already picked for it moves on to the one after.</summary>
    public async Task<SkippedSession> SkipAsync(ulong guildId, ClubMember member, CancellationToken cancellationToken)
    {
        RequireAdmin(member, "skip a session");
        var schedule = await RequireScheduleAsync(guildId, cancellationToken);
        var now = time.GetUtcNow();
        var upcoming = ClubOccurrences.Next(schedule, now, CarryHorizon + 1);
        var skipped = upcoming[0];
        var session = await repository.EnsureSessionAsync(ClubSession.Planned(guildId, skipped.SessionId, skipped.StartsAt, skipped.EndsAt), cancellationToken);

        await repository.SaveScheduleAsync(schedule with { SkippedDates = [.. schedule.SkippedDates, skipped.LocalDate], UpdatedAt = now }, cancellationToken);
        static ClubSession Skip(ClubSession s) => s with { Status = SessionStatus.Skipped };
        var skippedSession = await repository.UpdateSessionAsync(guildId, session.SessionId, Skip, cancellationToken) ?? Skip(session);
        var movedTo = session.PaperKey is null ? null : await CarryPaperAsync(session, upcoming.Skip(1), cancellationToken);

        await listener.ScheduleChangedAsync(guildId, cancellationToken);
        await PublishAsync("cancel", ClubEventService.Announcement(schedule, skippedSession), announcer.SessionCanceledAsync, cancellationToken);
        return new SkippedSession(skippedSession, movedTo);
    }

    /// <summary>The skipped session's paper goes to the first following session without one (a long pick lead can
    /// have picked the next session's paper already), and its history record moves with it; when none within
    /// <see cref="CarryHorizon"/> sessions is free, it goes back to the top of the queue (null). Nothing picked is lost.</summary>
    private async Task<ClubSession?> CarryPaperAsync(ClubSession skipped, IEnumerable<SessionOccurrence> following, CancellationToken cancellationToken)
    {
        if (await PlaceInFirstFreeSessionAsync(skipped, following, cancellationToken) is { } carried)
        {
            return carried;
        }

        await queue.ReturnToQueueAsync(skipped.GuildId, skipped.PaperKey!, skipped.SessionId, cancellationToken);
        LogPaperNotCarried(logger, skipped.GuildId, skipped.PaperKey!, CarryHorizon);
        return null;
    }

    /// <summary>Gives the paper of <paramref name="from"/> (and its presenter, where the target has none) to the first
    /// of <paramref name="candidates"/> that is planned and has no paper, moving its history record along; the
    /// session it went to, or null when none was free.</summary>
    private async Task<ClubSession?> PlaceInFirstFreeSessionAsync(ClubSession from, IEnumerable<SessionOccurrence> candidates, CancellationToken cancellationToken)
    {
        foreach (var occurrence in candidates)
        {
            var target = await repository.EnsureSessionAsync(ClubSession.Planned(from.GuildId, occurrence.SessionId, occurrence.StartsAt, occurrence.EndsAt), cancellationToken);
            if (target.Status != SessionStatus.Planned || target.PaperKey is not null)
            {
                continue;
            }

            var placed = await repository.UpdateSessionAsync(target.GuildId, target.SessionId, s => s with { PaperKey = from.PaperKey, PaperTitle = from.PaperTitle, PresenterId = s.PresenterId ?? from.PresenterId }, cancellationToken);
            if (placed is not null)
            {
                await queue.MoveHistoryAsync(from.GuildId, from.PaperKey!, from.SessionId, placed.SessionId, placed.StartsAt, cancellationToken);
                return placed;
            }
        }

        return null;
    }

    /// <summary>Sets the member's answer for a session (the next one when <paramref name="sessionId"/> is null),
    /// replacing an earlier answer.</summary>
    public async Task<ClubSession> RsvpAsync(ulong guildId, ClubMember member, string? sessionId, RsvpAnswer answer, CancellationToken cancellationToken)
    {
        var schedule = await RequireScheduleAsync(guildId, cancellationToken);
        var now = time.GetUtcNow();
        ClubSession? session;
        if (sessionId is null)
        {
            var occurrence = NextOccurrence(schedule, now);
            session = await repository.EnsureSessionAsync(ClubSession.Planned(guildId, occurrence.SessionId, occurrence.StartsAt, occurrence.EndsAt), cancellationToken);
        }
        else
        {
            session = await repository.GetSessionAsync(guildId, sessionId, cancellationToken)
                ?? throw new ClubRuleException("That session is not on the schedule any more. `/club next` shows the next one.");
        }

        if (session.Status == SessionStatus.Skipped)
        {
            throw new ClubRuleException("That session was skipped. `/club next` shows the next one.");
        }

        if (session.EndsAt <= now || session.Status == SessionStatus.Held)
        {
            throw new ClubRuleException("That session is over. `/club next` shows the next one.");
        }

        return await repository.SetRsvpAsync(guildId, session.SessionId, member.UserId, answer, cancellationToken)
            ?? throw new ClubRuleException("That session is not on the schedule any more.");
    }

    public async Task SignUpPresenterAsync(ulong guildId, ClubMember member, CancellationToken cancellationToken)
    {
        if (!await repository.AddVolunteerAsync(guildId, new PresenterVolunteer(member.UserId, time.GetUtcNow(), 0, null), cancellationToken))
        {
            throw new ClubRuleException("You are already on the presenter rota. `/club presenter list` shows the order.");
        }
    }

    public async Task LeavePresenterAsync(ulong guildId, ClubMember member, CancellationToken cancellationToken)
    {
        if (!await repository.RemoveVolunteerAsync(guildId, member.UserId, cancellationToken))
        {
            throw new ClubRuleException("You are not on the presenter rota.");
        }
    }

    /// <summary>Volunteers in the order they will present.</summary>
    public async Task<IReadOnlyList<PresenterVolunteer>> PresentersAsync(ulong guildId, CancellationToken cancellationToken) =>
        PresenterRotation.Order(await repository.ListVolunteersAsync(guildId, cancellationToken));

    /// <summary>Past sessions (held or skipped), most recent first.</summary>
    public async Task<IReadOnlyList<ClubSession>> HistoryAsync(ulong guildId, int limit, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var sessions = await repository.ListSessionsAsync(guildId, cancellationToken);
        return sessions.Where(s => s.Status == SessionStatus.Held || (s.Status == SessionStatus.Skipped && s.StartsAt <= now))
            .OrderByDescending(s => s.StartsAt)
            .Take(limit)
            .ToList();
    }

    public async Task<ClubSchedule> RequireScheduleAsync(ulong guildId, CancellationToken cancellationToken) =>
        await repository.GetScheduleAsync(guildId, cancellationToken)
        ?? throw new ClubRuleException("This server has no paper club yet. An admin can start one with `/club setup`.");

    private static SessionOccurrence NextOccurrence(ClubSchedule schedule, DateTimeOffset now) => ClubOccurrences.Next(schedule, now, 1)[0];

    /// <summary>Future sessions that no longer fit the schedule are dropped; the papers already picked for them carry
    /// over (see <see cref="CarryDroppedPapersAsync"/>). A session whose time moved keeps its paper, and the paper's
    /// history record follows the new start. Returns the sessions whose time moved and those dropped.</summary>
    private async Task<SessionChanges> ReconcileFutureSessionsAsync(ClubSchedule schedule, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var sessions = await repository.ListSessionsAsync(schedule.GuildId, cancellationToken);
        var changes = new SessionChanges([], []);
        var carried = new List<ClubSession>();
        foreach (var session in sessions.Where(s => s.Status == SessionStatus.Planned && s.StartsAt > now))
        {
            var date = DateOnly.ParseExact(session.SessionId, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
            var fits = date.DayOfWeek == schedule.Day ? ClubOccurrences.At(schedule, date) : null;
            if (fits is not null && fits.StartsAt > now)
            {
                if (fits.StartsAt != session.StartsAt || fits.EndsAt != session.EndsAt)
                {
                    ClubSession Move(ClubSession s) => s with { StartsAt = fits.StartsAt, EndsAt = fits.EndsAt };
                    var moved = await repository.UpdateSessionAsync(session.GuildId, session.SessionId, Move, cancellationToken) ?? Move(session);
                    if (moved.PaperKey is not null)
                    {
                        await queue.MoveHistoryAsync(schedule.GuildId, moved.PaperKey, moved.SessionId, moved.SessionId, moved.StartsAt, cancellationToken);
                    }

                    changes.Moved.Add(ClubEventService.Announcement(schedule, moved));
                }

                continue;
            }

            if (session.PaperKey is not null)
            {
                carried.Add(session);
            }

            await repository.DeleteSessionAsync(schedule.GuildId, session.SessionId, cancellationToken);
            changes.Dropped.Add(ClubEventService.Announcement(schedule, session));
        }

        await CarryDroppedPapersAsync(schedule, carried, now, cancellationToken);
        return changes;
    }

    /// <summary>Each dropped session's paper (earliest session first) goes to the next free session of the new
    /// schedule (not skipped, no paper yet) within <see cref="CarryHorizon"/> sessions, with its history record;
    /// a paper no session can take goes back to the top of the queue, in the order of the dropped sessions. Nothing
    /// picked is lost.</summary>
    private async Task CarryDroppedPapersAsync(ClubSchedule schedule, IReadOnlyList<ClubSession> dropped, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (dropped.Count == 0)
        {
            return;
        }

        var targets = ClubOccurrences.Next(schedule, now, CarryHorizon);
        var unplaced = new List<ClubSession>();
        foreach (var paper in dropped.OrderBy(s => s.StartsAt))
        {
            if (await PlaceInFirstFreeSessionAsync(paper, targets, cancellationToken) is null)
            {
                unplaced.Add(paper);
            }
        }

        // Each goes to the top, so the latest first leaves the earliest on top.
        foreach (var paper in Enumerable.Reverse(unplaced))
        {
            await queue.ReturnToQueueAsync(schedule.GuildId, paper.PaperKey!, paper.SessionId, cancellationToken);
            LogPaperReturned(logger, schedule.GuildId, paper.PaperKey!, paper.SessionId);
        }
    }

    /// <summary>Tells the server about a stored change; the change stands whether or not that works.</summary>
    private async Task PublishAsync(string change, ClubAnnouncement announcement, Func<ClubAnnouncement, CancellationToken, Task> publish, CancellationToken cancellationToken)
    {
        try
        {
            await publish(announcement, cancellationToken);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            LogPublishFailed(logger, change, announcement.SessionId, ex);
        }
    }

    private static void RequireAdmin(ClubMember member, string action)
    {
        if (!member.IsAdmin)
        {
            throw new CommandPermissionException($"Only server admins (Manage Server) can {action}.");
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Guild {GuildId}: the paper {PaperKey} of a skipped session found no free session in the next {Sessions}; it is back at the top of the queue")]
    private static partial void LogPaperNotCarried(ILogger logger, ulong guildId, string paperKey, int sessions);

    [LoggerMessage(Level = LogLevel.Information, Message = "Guild {GuildId}: the paper {PaperKey} of the dropped session {SessionId} found no free session; it is back at the top of the queue")]
    private static partial void LogPaperReturned(ILogger logger, ulong guildId, string paperKey, string sessionId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not publish the {Change} of club session {SessionId} to the server; the stored club data stands")]
    private static partial void LogPublishFailed(ILogger logger, string change, string sessionId, Exception exception);

    private sealed record SessionChanges(List<ClubAnnouncement> Moved, List<ClubAnnouncement> Dropped);
}
