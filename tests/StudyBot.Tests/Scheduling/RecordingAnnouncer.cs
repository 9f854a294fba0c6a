using System.Collections.Concurrent;
using StudyBot.Core.Club;

namespace StudyBot.Tests.Scheduling;

/// <summary>Records what the scheduler would have posted; can be told to fail the next posts of a kind like a Discord
/// that is briefly unreachable.</summary>
internal sealed class RecordingAnnouncer : IClubAnnouncer
{
    private readonly ConcurrentDictionary<string, int> _failuresLeft = new(StringComparer.Ordinal);
    private int _failures;

    public ConcurrentQueue<(string Kind, ClubAnnouncement Announcement)> Posts { get; } = new();

    /// <summary>How many posts failed so far.</summary>
    public int Failures => Volatile.Read(ref _failures);

    public Task AnnouncePaperPickedAsync(ClubAnnouncement announcement, CancellationToken cancellationToken) => Record("picked", announcement);

    public Task AnnounceReminderAsync(ClubAnnouncement announcement, TimeSpan before, CancellationToken cancellationToken) => Record("reminder", announcement);

    public Task AnnounceSessionStartingAsync(ClubAnnouncement announcement, CancellationToken cancellationToken) => Record("start", announcement);

    public Task SessionRescheduledAsync(ClubAnnouncement announcement, CancellationToken cancellationToken) => Record("rescheduled", announcement);

    public Task SessionCanceledAsync(ClubAnnouncement announcement, CancellationToken cancellationToken) => Record("canceled", announcement);

    public Task SessionEndedAsync(ClubAnnouncement announcement, CancellationToken cancellationToken) => Record("ended", announcement);

    public int Count(string kind) => Posts.Count(p => p.Kind == kind);

    /// <summary>The next <paramref name="times"/> posts of <paramref name="kind"/> throw instead of posting.</summary>
    public void FailNext(string kind, int times) => _failuresLeft[kind] = times;

    private Task Record(string kind, ClubAnnouncement announcement)
    {
        if (_failuresLeft.TryGetValue(kind, out var left) && left > 0 && _failuresLeft.TryUpdate(kind, left - 1, left))
        {
            Interlocked.Increment(ref _failures);
            throw new HttpRequestException("Discord unreachable");
        }

        Posts.Enqueue((kind, announcement));
        return Task.CompletedTask;
    }
}
