using StudyBot.Core.Club;

namespace StudyBot.Storage.Tests.Club;

/// <summary>Skipping a session whose paper was already picked: the paper moves on and nothing picked is lost.</summary>
public sealed class ClubSkipCarryTests : IDisposable
{
    private static readonly TimeSpan Grace = TimeSpan.FromMinutes(15);
    private readonly ClubFixture _f = new();

    public void Dispose() => _f.Dispose();

    [Fact]
    public async Task The_skipped_sessions_paper_moves_to_the_next_session_with_its_history_record()
    {
        await _f.SetUpBerlinThursdayAsync();
        await _f.QueueService.AddAsync(ClubFixture.Guild, ClubFixture.Alice, "lora", default);
        await PickAsync("2026-03-19");

        var skip = await _f.Club.SkipAsync(ClubFixture.Guild, ClubFixture.Admin, default);

        Assert.Equal("2026-03-26", skip.PaperMovedTo?.SessionId);
        Assert.False(skip.PaperReturnedToQueue);
        Assert.Equal("2106.09685", (await _f.Clubs.GetSessionAsync(ClubFixture.Guild, "2026-03-26", default))!.PaperKey);
        Assert.Equal("2026-03-26", Assert.Single(await _f.Queue.ListHistoryAsync(ClubFixture.Guild, 10, default)).SessionId);
    }

    [Fact]
    public async Task Skipping_twice_carries_the_paper_and_its_history_record_two_weeks_on()
    {
        await _f.SetUpBerlinThursdayAsync();
        await _f.QueueService.AddAsync(ClubFixture.Guild, ClubFixture.Alice, "lora", default);
        await _f.QueueService.AddAsync(ClubFixture.Guild, ClubFixture.Alice, "gpt-2", default);
        await PickAsync("2026-03-19");

        await _f.Club.SkipAsync(ClubFixture.Guild, ClubFixture.Admin, default);
        await _f.Club.SkipAsync(ClubFixture.Guild, ClubFixture.Admin, default);

        Assert.Equal(SessionStatus.Skipped, (await _f.Clubs.GetSessionAsync(ClubFixture.Guild, "2026-03-26", default))!.Status);
        Assert.Equal("2106.09685", (await _f.Clubs.GetSessionAsync(ClubFixture.Guild, "2026-04-02", default))!.PaperKey);
        var history = Assert.Single(await _f.Queue.ListHistoryAsync(ClubFixture.Guild, 10, default));
        Assert.Equal(("2106.09685", "2026-04-02"), (history.PaperKey, history.SessionId));
        Assert.Equal(new DateTimeOffset(2026, 4, 2, 17, 0, 0, TimeSpan.Zero), history.SessionStartsAt);
        Assert.Single(await _f.Queue.ListAsync(ClubFixture.Guild, default));
    }

    [Fact]
    public async Task A_skipped_paper_no_following_session_can_take_goes_back_to_the_top_of_the_queue()
    {
        await _f.SetUpBerlinThursdayAsync();
        await _f.QueueService.AddAsync(ClubFixture.Guild, ClubFixture.Alice, "lora", default);
        await _f.QueueService.AddAsync(ClubFixture.Guild, ClubFixture.Bob, "gpt-2", default);
        await _f.QueueService.VoteAsync(ClubFixture.Guild, ClubFixture.Bob, "lora", default);
        await PickAsync("2026-03-19");
        // The eight Thursdays after it already hold papers (set by hand; a carry looks no further).
        for (var week = 1; week <= 8; week++)
        {
            var start = new DateTimeOffset(2026, 3, 19, 18, 0, 0, TimeSpan.Zero).AddDays(7 * week);
            var session = await _f.Clubs.EnsureSessionAsync(ClubSession.Planned(ClubFixture.Guild, DateOnly.FromDateTime(start.UtcDateTime).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), start, start.AddMinutes(90)), default);
            await _f.Clubs.SaveSessionAsync(session with { PaperKey = $"held-{week}", PaperTitle = "Held" }, default);
        }

        var skip = await _f.Club.SkipAsync(ClubFixture.Guild, ClubFixture.Admin, default);

        Assert.True(skip.PaperReturnedToQueue);
        Assert.Null(skip.PaperMovedTo);
        var queue = await _f.Queue.ListAsync(ClubFixture.Guild, default);
        Assert.Equal(["2106.09685", "gpt-2"], queue.Select(p => p.PaperKey));
        Assert.Equal((1, 1), (queue[0].PinOrder, queue[0].Votes));
        Assert.Empty(await _f.Queue.ListHistoryAsync(ClubFixture.Guild, 10, default));
    }

    private async Task PickAsync(string sessionId)
    {
        var pick = (await _f.Planner.PlanAsync(ClubFixture.Guild, default)).First(e => e.SessionId == sessionId && e.Kind == ClubEventKind.Pick);
        if (_f.Time.GetUtcNow() < pick.DueAt)
        {
            _f.Time.Set(pick.DueAt);
        }

        await _f.Events.FireAsync(pick, Grace, default);
    }
}
