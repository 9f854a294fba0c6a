namespace StudyBot.Core.Queue;

/// <summary>What one pass of <see cref="ReadingQueueService.CompletePendingAsync"/> did.</summary>
/// <param name="Pending">Queued papers (all servers) whose metadata was pending when the pass started.</param>
/// <param name="Completed">Those that now have title, authors and URL.</param>
/// <param name="NotFound">Those arXiv now says it has no paper for; they stay queued (members can remove them).</param>
public sealed record PendingMetadataSweep(int Pending, int Completed, int NotFound)
{
    public int StillPending => Pending - Completed;
}
