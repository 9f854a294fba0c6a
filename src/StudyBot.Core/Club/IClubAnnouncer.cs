namespace StudyBot.Core.Club;

/// <summary>Posts club events to the server (implemented by the Discord transport). A thrown exception means the
/// post did not happen; the event is then not recorded as sent and may be retried.</summary>
public interface IClubAnnouncer
{
    /// <summary>The session's paper was picked from the top of the queue (or the queue was empty).</summary>
    Task AnnouncePaperPickedAsync(ClubAnnouncement announcement, CancellationToken cancellationToken);

    /// <summary>A reminder, <paramref name="before"/> ahead of the start.</summary>
    Task AnnounceReminderAsync(ClubAnnouncement announcement, TimeSpan before, CancellationToken cancellationToken);

    /// <summary>The session starts now (post notes, open the discussion thread, keep the scheduled event in step).</summary>
    Task AnnounceSessionStartingAsync(ClubAnnouncement announcement, CancellationToken cancellationToken);
}
