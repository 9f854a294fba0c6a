using StudyBot.Core.Club;

namespace StudyBot.Core.Tests.Club;

public sealed class PresenterRotationTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Fewest_presentations_go_first_then_longest_ago_then_earliest_signup()
    {
        var rota = PresenterRotation.Order([
            new PresenterVolunteer(1, T0, 2, T0.AddDays(10)),
            new PresenterVolunteer(2, T0.AddDays(1), 1, T0.AddDays(20)),
            new PresenterVolunteer(3, T0.AddDays(2), 1, T0.AddDays(5)),
            new PresenterVolunteer(4, T0.AddDays(4), 0, null),
            new PresenterVolunteer(5, T0.AddDays(3), 0, null),
        ]);

        Assert.Equal([5UL, 4UL, 3UL, 2UL, 1UL], rota.Select(v => v.MemberId));
    }
}
