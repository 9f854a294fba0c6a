using System.Collections.Concurrent;
using StudyBot.Core.Club;

namespace StudyBot.Storage.Tests.Club;

/// <summary>Records what would be posted; can be told to fail like an unreachable Discord.</summary>
internal sealed class RecordingAnnouncer : IClubAnnouncer
{
    public ConcurrentQueue<(string Kind, ClubAnnouncement Announcement, TimeSpan? Before)> Posts { get; } = new();

    public bool Fail { get; set; }

    public Task AnnouncePaperPickedAsync(ClubAnnouncement announcement, CancellationToken cancellationToken) => Record("picked", announcement, null);

    public Task AnnounceReminderAsync(ClubAnnouncement announcement, TimeSpan before, CancellationToken cancellationToken) => Record("reminder", announcement, before);

    public Task AnnounceSessionStartingAsync(ClubAnnouncement announcement, CancellationToken cancellationToken) => Record("start", announcement, null);

    public Task SessionRescheduledAsync(ClubAnnouncement announcement, CancellationToken cancellationToken) => Record("rescheduled", announcement, null);

    public Task SessionCanceledAsync(ClubAnnouncement announcement, CancellationToken cancellationToken) => Record("canceled", announcement, null);

    public Task SessionEndedAsync(ClubAnnouncement announcement, CancellationToken cancellationToken) => Record("ended", announcement, null);

    /// <summary>What was posted of one kind, in order.</summary>
    public IReadOnlyList<ClubAnnouncement> Of(string kind) => [.. Posts.Where(p => p.Kind == kind).Select(p => p.Announcement)];

    private Task Record(string kind, ClubAnnouncement announcement, TimeSpan? before)
    {
        if (Fail)
        {
            throw new HttpRequestException("Discord unreachable");
        }

        Posts.Enqueue((kind, announcement, before));
        return Task.CompletedTask;
    }
}
