using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Extensions.Logging;
using StudyBot.Core.Queue;
using StudyBot.Core.Scheduling;

namespace StudyBot.Core.Club;

/// <summary>
/// What happens at a club event, independent of the scheduler that triggers it. Firing is idempotent: an event is
/// claimed in <see cref="IClubEventLog"/> before it is announced, so a duplicate trigger or a restart never
/// announces twice. Events found late (the bot was down) are announced only within the grace period; a late pick
/// still picks (the session needs its paper) but is not announced. Events that fell due before the schedule was set
/// up or last changed were not missed: such a pick is announced when the schedule is saved (the grace period runs
/// from then), such reminders and starts are recorded quietly and not sent.
/// </summary>
public sealed partial class ClubEventService(
    IClubRepository clubs,
    IReadingQueueRepository queue,
    IClubEventLog log,
    IClubAnnouncer announcer,
    IClubScheduleListener listener,
    TimeProvider time,
    ILogger<ClubEventService> logger)
{
    /// <summary>One server's events are handled one at a time: a pick and a reminder due at the same moment (or both
    /// overdue after downtime) would otherwise each find the session without a paper and take one from the queue.</summary>
    private readonly ConcurrentDictionary<ulong, SemaphoreSlim> guildGates = new();

    public async Task<ClubEventOutcome> FireAsync(ClubEvent clubEvent, TimeSpan grace, CancellationToken cancellationToken)
    {
        var gate = guildGates.GetOrAdd(clubEvent.GuildId, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        try
        {
            return await FireOneAtATimeAsync(clubEvent, grace, cancellationToken);
        }
        finally
        {
            gate.Release();
        }
    }

    private async Task<ClubEventOutcome> FireOneAtATimeAsync(ClubEvent clubEvent, TimeSpan grace, CancellationToken cancellationToken)
    {
        var schedule = await clubs.GetScheduleAsync(clubEvent.GuildId, cancellationToken);
        if (schedule is null || !(StillPlanned(schedule, clubEvent) || await EndOfStoredSessionAsync(clubEvent, cancellationToken)))
        {
            LogObsolete(logger, clubEvent.Key);
            return ClubEventOutcome.Obsolete;
        }

        var now = time.GetUtcNow();
        if (PredatesSchedule(schedule, clubEvent) && clubEvent.Kind is ClubEventKind.Reminder or ClubEventKind.Start)
        {
            // The club did not have this reminder (or start) when it was due: nothing was missed, nothing to say.
            if (await log.TryRecordAsync(clubEvent.Key, "before-schedule", now, cancellationToken))
            {
                LogPredatesSchedule(logger, clubEvent.Key, schedule.UpdatedAt);
                return ClubEventOutcome.PredatesSchedule;
            }

            return ClubEventOutcome.AlreadySent;
        }

        var late = now - EffectiveDueAt(schedule, clubEvent);
        var withinGrace = late <= grace;
        if (!withinGrace && clubEvent.Kind is ClubEventKind.Reminder or ClubEventKind.Start)
        {
            if (await log.TryRecordAsync(clubEvent.Key, "missed", now, cancellationToken))
            {
                LogMissed(logger, clubEvent.Key, late, grace);
                return ClubEventOutcome.SkippedLate;
            }

            return ClubEventOutcome.AlreadySent;
        }

        if (!await log.TryRecordAsync(clubEvent.Key, withinGrace ? "sent" : "done-late", now, cancellationToken))
        {
            LogAlreadySent(logger, clubEvent.Key);
            return ClubEventOutcome.AlreadySent;
        }

        var occurrence = ClubOccurrences.At(schedule, ParseSessionDate(clubEvent.SessionId));
        var session = await clubs.EnsureSessionAsync(ClubSession.Planned(schedule.GuildId, occurrence.SessionId, occurrence.StartsAt, occurrence.EndsAt), cancellationToken);
        switch (clubEvent.Kind)
        {
            case ClubEventKind.Pick:
                session = await PickAsync(schedule, session, now, cancellationToken);
                if (!withinGrace)
                {
                    LogPickedLate(logger, clubEvent.Key, late);
                    return ClubEventOutcome.SkippedLate;
                }

                await AnnounceOrReleaseAsync(clubEvent, () => announcer.AnnouncePaperPickedAsync(Announcement(schedule, session), cancellationToken), cancellationToken);
                break;
            case ClubEventKind.Reminder:
                session = await PickIfEmptyAsync(schedule, session, now, cancellationToken);
                await AnnounceOrReleaseAsync(clubEvent, () => announcer.AnnounceReminderAsync(Announcement(schedule, session), clubEvent.Offset ?? TimeSpan.Zero, cancellationToken), cancellationToken);
                break;
            case ClubEventKind.Start:
                session = await PickIfEmptyAsync(schedule, session, now, cancellationToken);
                await AnnounceOrReleaseAsync(clubEvent, () => announcer.AnnounceSessionStartingAsync(Announcement(schedule, session), cancellationToken), cancellationToken);
                break;
            case ClubEventKind.End:
                // From the stored session as it is now: an RSVP given a moment ago counts.
                var held = await clubs.UpdateSessionAsync(session.GuildId, session.SessionId, s => s with
                {
                    Status = SessionStatus.Held,
                    Attendees = s.Rsvps.Where(r => r.Value == RsvpAnswer.Going).Select(r => r.Key).Order().ToList(),
                }, cancellationToken) ?? session;
                await listener.ScheduleChangedAsync(schedule.GuildId, cancellationToken);
                await PublishEndAsync(clubEvent, Announcement(schedule, held), cancellationToken);
                break;
        }

        LogFired(logger, clubEvent.Key, late);
        return ClubEventOutcome.Sent;
    }

    /// <summary>From when an event counts as due: its own time, or for an event that fell due before the schedule was
    /// set up or last changed (a pick whose point had passed when the club was set up), the time of that change, so
    /// the grace period runs from when the club could first have handled it.</summary>
    public static DateTimeOffset EffectiveDueAt(ClubSchedule schedule, ClubEvent clubEvent) =>
        PredatesSchedule(schedule, clubEvent) ? schedule.UpdatedAt : clubEvent.DueAt;

    private static bool PredatesSchedule(ClubSchedule schedule, ClubEvent clubEvent) => clubEvent.DueAt < schedule.UpdatedAt;

    public static ClubAnnouncement Announcement(ClubSchedule schedule, ClubSession session) => new(
        schedule.GuildId,
        schedule.ChannelId,
        session.SessionId,
        session.StartsAt,
        session.EndsAt,
        schedule.TimeZoneId,
        session.PaperKey,
        session.PaperTitle,
        session.PresenterId,
        session.Counts,
        RsvpCustomId.All(session.SessionId));

    private async Task<ClubSession> PickAsync(ClubSchedule schedule, ClubSession session, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var picked = await TakeTopPaperAsync(schedule, session, now, cancellationToken);

        if (picked.PresenterId is null)
        {
            var rota = PresenterRotation.Order(await clubs.ListVolunteersAsync(schedule.GuildId, cancellationToken));
            if (rota.Count > 0)
            {
                picked = picked with { PresenterId = rota[0].MemberId };
                await clubs.RecordPresentationAsync(schedule.GuildId, rota[0].MemberId, now, cancellationToken);
            }
        }

        return await StorePickAsync(session, picked, cancellationToken);
    }

    /// <summary>A paper queued after an empty pick is taken when the session's next reminder (or start) fires.</summary>
    private async Task<ClubSession> PickIfEmptyAsync(ClubSchedule schedule, ClubSession session, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (session.PaperKey is not null || now < session.StartsAt - schedule.PickLead)
        {
            return session;
        }

        var picked = await TakeTopPaperAsync(schedule, session, now, cancellationToken);
        return await StorePickAsync(session, picked, cancellationToken);
    }

    /// <summary>Stores the paper and presenter of <paramref name="picked"/> on the session, keeping everything else
    /// as stored now (RSVPs given meanwhile).</summary>
    private async Task<ClubSession> StorePickAsync(ClubSession session, ClubSession picked, CancellationToken cancellationToken)
    {
        if (picked == session)
        {
            return session;
        }

        return await clubs.UpdateSessionAsync(session.GuildId, session.SessionId, s => s with
        {
            PaperKey = picked.PaperKey,
            PaperTitle = picked.PaperTitle,
            PresenterId = picked.PresenterId,
        }, cancellationToken) ?? picked;
    }

    private async Task<ClubSession> TakeTopPaperAsync(ClubSchedule schedule, ClubSession session, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (session.PaperKey is not null)
        {
            return session;
        }

        var paper = await queue.MoveTopToHistoryAsync(schedule.GuildId, session.SessionId, session.StartsAt, now, cancellationToken);
        return paper is null ? session : session with { PaperKey = paper.PaperKey, PaperTitle = paper.Title };
    }

    /// <summary>Not posted, so not sent: the record is released and a retry may try again. A pick's paper and presenter
    /// are stored before its announcement, so a retried pick announces the same paper.</summary>
    private async Task AnnounceOrReleaseAsync(ClubEvent clubEvent, Func<Task> announce, CancellationToken cancellationToken)
    {
        try
        {
            await announce();
        }
        catch (Exception ex)
        {
            LogAnnounceFailed(logger, clubEvent.Key, ex);
            await log.ForgetAsync(clubEvent.Key, CancellationToken.None);
            throw;
        }
    }

    /// <summary>Until when the event may still be announced (see <see cref="EffectiveDueAt"/>); null when the club
    /// has no schedule any more.</summary>
    public async Task<DateTimeOffset?> GraceEndsAtAsync(ClubEvent clubEvent, TimeSpan grace, CancellationToken cancellationToken) =>
        await clubs.GetScheduleAsync(clubEvent.GuildId, cancellationToken) is { } schedule ? EffectiveDueAt(schedule, clubEvent) + grace : null;

    /// <summary>The attendance is stored before this; a server that cannot be told the session ended does not undo it.</summary>
    private async Task PublishEndAsync(ClubEvent clubEvent, ClubAnnouncement announcement, CancellationToken cancellationToken)
    {
        try
        {
            await announcer.SessionEndedAsync(announcement, cancellationToken);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            LogEndPublishFailed(logger, clubEvent.Key, ex);
        }
    }

    private static bool StillPlanned(ClubSchedule schedule, ClubEvent clubEvent)
    {
        if (!DateOnly.TryParseExact(clubEvent.SessionId, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            || date.DayOfWeek != schedule.Day
            || schedule.SkippedDates.Contains(date))
        {
            return false;
        }

        var current = ClubOccurrences.Events(schedule, ClubOccurrences.At(schedule, date));
        return current.Any(e => e.Key == clubEvent.Key && e.DueAt == clubEvent.DueAt);
    }

    /// <summary>The end of a stored session that is still planned with exactly that end: it belongs to the plan even
    /// when the schedule no longer generates it (the weekday or time changed while that session was under way), so a
    /// session that ended while the bot was down is still closed.</summary>
    private async Task<bool> EndOfStoredSessionAsync(ClubEvent clubEvent, CancellationToken cancellationToken) =>
        clubEvent.Kind == ClubEventKind.End
        && await clubs.GetSessionAsync(clubEvent.GuildId, clubEvent.SessionId, cancellationToken) is { Status: SessionStatus.Planned } session
        && session.EndsAt == clubEvent.DueAt;

    private static DateOnly ParseSessionDate(string sessionId) =>
        DateOnly.ParseExact(sessionId, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    [LoggerMessage(Level = LogLevel.Information, Message = "Club event {EventKey} handled ({Late} after its due time)")]
    private static partial void LogFired(ILogger logger, string eventKey, TimeSpan late);

    [LoggerMessage(Level = LogLevel.Information, Message = "Club event {EventKey} was already handled; not sending it again")]
    private static partial void LogAlreadySent(ILogger logger, string eventKey);

    [LoggerMessage(Level = LogLevel.Information, Message = "Club event {EventKey} no longer matches the schedule; ignored")]
    private static partial void LogObsolete(ILogger logger, string eventKey);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Club event {EventKey} fell due before the schedule was set up or changed ({UpdatedAt}); not sent, not missed")]
    private static partial void LogPredatesSchedule(ILogger logger, string eventKey, DateTimeOffset updatedAt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Club event {EventKey} was missed by {Late} (grace {Grace}); skipped, not sent late")]
    private static partial void LogMissed(ILogger logger, string eventKey, TimeSpan late, TimeSpan grace);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Paper pick {EventKey} ran {Late} late; the paper was picked without an announcement")]
    private static partial void LogPickedLate(ILogger logger, string eventKey, TimeSpan late);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Club event {EventKey}: attendance was recorded but the server could not be told the session ended")]
    private static partial void LogEndPublishFailed(ILogger logger, string eventKey, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Announcing club event {EventKey} failed")]
    private static partial void LogAnnounceFailed(ILogger logger, string eventKey, Exception exception);
}
