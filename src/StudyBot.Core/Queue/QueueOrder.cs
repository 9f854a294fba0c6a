namespace StudyBot.Core.Queue;

/// <summary>The one definition of queue order: pinned papers first (in pin order), then most votes, then oldest.</summary>
public static class QueueOrder
{
    public static IReadOnlyList<QueuedPaper> Sort(IEnumerable<QueuedPaper> papers) =>
        papers.OrderBy(p => p.PinOrder is null ? 1 : 0)
            .ThenBy(p => p.PinOrder ?? 0)
            .ThenByDescending(p => p.Votes)
            .ThenBy(p => p.AddedAt)
            .ThenBy(p => p.PaperKey, StringComparer.Ordinal)
            .ToList();
}
