namespace StudyBot.Core.Club;

/// <summary>Posts club events to the server (implemented by the Discord transport). A thrown exception means the
/// post did not happen; the event is then not recorded as sent and may be retried.</summary>
/// <remarks>The session-change methods (<see cref="SessionRescheduledAsync"/>, <see cref="SessionCanceledAsync"/>,
/// <see cref="SessionEndedAsync"/>) are called after the change is stored: a failure there is logged by the caller
/// and never undoes the stored change.</remarks>
public interface IClubAnnouncer
{
    /// <summary>The session's paper was picked from the top of the queue (or the queue was empty).</summary>
    Task AnnouncePaperPickedAsync(ClubAnnouncement announcement, CancellationToken cancellationToken);

    /// <summary>A reminder, <paramref name="before"/> ahead of the start.</summary>
    Task AnnounceReminderAsync(ClubAnnouncement announcement, TimeSpan before, CancellationToken cancellationToken);

    /// <summary>The session starts now (post notes, open the discussion thread, keep the scheduled event in step).</summary>
    Task AnnounceSessionStartingAsync(ClubAnnouncement announcement, CancellationToken cancellationToken);

    /// <summary>The session's start or end moved (the schedule was set up again); what was already published about it
    /// (a scheduled event) moves with it.</summary>
    Task SessionRescheduledAsync(ClubAnnouncement announcement, CancellationToken cancellationToken);

    /// <summary>The session will not take place: it was skipped, or a new schedule no longer has it.</summary>
    Task SessionCanceledAsync(ClubAnnouncement announcement, CancellationToken cancellationToken);

    /// <summary>The session is over (its end time passed and attendance was recorded).</summary>
    Task SessionEndedAsync(ClubAnnouncement announcement, CancellationToken cancellationToken);
}
