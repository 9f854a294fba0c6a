using System.Collections.Concurrent;
using StudyBot.Core.Club;

namespace StudyBot.Tests.Scheduling;

/// <summary>Records what the scheduler would have posted.</summary>
internal sealed class RecordingAnnouncer : IClubAnnouncer
{
    public ConcurrentQueue<(string Kind, ClubAnnouncement Announcement)> Posts { get; } = new();

    public Task AnnouncePaperPickedAsync(ClubAnnouncement announcement, CancellationToken cancellationToken) => Record("picked", announcement);

    public Task AnnounceReminderAsync(ClubAnnouncement announcement, TimeSpan before, CancellationToken cancellationToken) => Record("reminder", announcement);

    public Task AnnounceSessionStartingAsync(ClubAnnouncement announcement, CancellationToken cancellationToken) => Record("start", announcement);

    public Task SessionRescheduledAsync(ClubAnnouncement announcement, CancellationToken cancellationToken) => Record("rescheduled", announcement);

    public Task SessionCanceledAsync(ClubAnnouncement announcement, CancellationToken cancellationToken) => Record("canceled", announcement);

    public Task SessionEndedAsync(ClubAnnouncement announcement, CancellationToken cancellationToken) => Record("ended", announcement);

    public int Count(string kind) => Posts.Count(p => p.Kind == kind);

    private Task Record(string kind, ClubAnnouncement announcement)
    {
        Posts.Enqueue((kind, announcement));
        return Task.CompletedTask;
    }
}
