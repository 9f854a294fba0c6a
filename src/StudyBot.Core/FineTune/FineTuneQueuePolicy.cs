namespace StudyBot.Core.FineTune;

/// <summary>
/// Which queued run goes next. FIFO with per-member fairness: a member's k-th waiting run is in round k (plus one
/// round per run of theirs already running), rounds go in order and, within a round, by queue time. So a member
/// with three queued runs does not block another member's first. Interrupted runs go first: they held a slot.
/// </summary>
public static class FineTuneQueuePolicy
{
    public static IReadOnlyList<FineTuneRun> Order(IEnumerable<FineTuneRun> queued, IEnumerable<FineTuneRun> running)
    {
        var runningPerMember = running
            .Where(r => r.State == FineTuneRunState.Running)
            .GroupBy(r => r.Requester.UserId)
            .ToDictionary(g => g.Key, g => g.Count());

        return queued
            .Where(r => r.State == FineTuneRunState.Queued)
            .GroupBy(r => r.Requester.UserId)
            .SelectMany(member =>
            {
                var offset = runningPerMember.GetValueOrDefault(member.Key);
                return member
                    .OrderBy(QueueTime).ThenBy(r => r.Id, StringComparer.Ordinal)
                    .Select((run, index) => (run, round: run.Interrupted ? -1 : offset + index));
            })
            .OrderBy(x => x.round)
            .ThenBy(x => QueueTime(x.run))
            .ThenBy(x => x.run.Id, StringComparer.Ordinal)
            .Select(x => x.run)
            .ToList();
    }

    /// <summary>The runs to start now, given free slots.</summary>
    public static IReadOnlyList<FineTuneRun> PickNext(IEnumerable<FineTuneRun> queued, IReadOnlyCollection<FineTuneRun> running, int concurrency)
    {
        var free = concurrency - running.Count(r => r.State == FineTuneRunState.Running);
        return free <= 0 ? [] : Order(queued, running).Take(free).ToList();
    }

    /// <summary>1-based position of each queued run (1 = next to start).</summary>
    public static IReadOnlyDictionary<string, int> Positions(IEnumerable<FineTuneRun> queued, IEnumerable<FineTuneRun> running) =>
        Order(queued, running)
            .Select((run, index) => (run.Id, index))
            .ToDictionary(x => x.Id, x => x.index + 1, StringComparer.Ordinal);

    private static DateTimeOffset QueueTime(FineTuneRun run) => run.QueuedAt ?? run.RequestedAt;
}
