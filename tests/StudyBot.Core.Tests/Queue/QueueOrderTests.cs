using StudyBot.Core.Queue;

namespace StudyBot.Core.Tests.Queue;

public sealed class QueueOrderTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Pinned_come_first_then_most_votes_then_oldest()
    {
        var papers = new[]
        {
            Paper("old-one-vote", 0, 1),
            Paper("new-one-vote", 5, 1),
            Paper("three-votes", 9, 3),
            Paper("pinned-second", 10, 0, pin: 2),
            Paper("pinned-first", 11, 0, pin: 1),
        };

        var order = QueueOrder.Sort(papers).Select(p => p.PaperKey);

        Assert.Equal(["pinned-first", "pinned-second", "three-votes", "old-one-vote", "new-one-vote"], order);
    }

    private static QueuedPaper Paper(string key, int minutes, int votes, int? pin = null) =>
        new(1, key, key, key, [], null, null, 1, T0.AddMinutes(minutes), Enumerable.Range(1, votes).Select(v => (ulong)v).ToList(), pin);
}
