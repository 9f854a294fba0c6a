using StudyBot.Core.Club;

namespace StudyBot.Storage.Tests.Club;

/// <summary>/club setup with a new weekday drops the future sessions of the old one: every paper already picked for
/// them moves on with its history record, or goes back to the top of the queue; nothing picked is lost.</summary>
public sealed class ClubWeekdayChangeTests : IDisposable
{
    private static readonly DateTimeOffset Thursday19 = new(2026, 3, 19, 18, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Thursday26 = new(2026, 3, 26, 18, 0, 0, TimeSpan.Zero);

    // Monday 2026-03-16 12:00 UTC.
    private readonly ClubFixture _f = new();

    public void Dispose() => _f.Dispose();

    [Fact]
    public async Task Every_dropped_paper_moves_to_the_next_free_sessions_with_its_history_record()
    {
        await _f.SetUpBerlinThursdayAsync();
        await PickIntoAsync("lora", "2026-03-19", Thursday19);
        await PickIntoAsync("gpt-2", "2026-03-26", Thursday26);

        await _f.Club.SetupAsync(ClubFixture.Guild, ClubFixture.Admin, new ClubScheduleInput(ClubFixture.Channel, "friday", "18:00", "Europe/Berlin"), default);

        Assert.Equal(["2026-03-19", "2026-03-26"], _f.Announcer.Of("canceled").Select(a => a.SessionId));
        Assert.Equal("2106.09685", (await _f.Clubs.GetSessionAsync(ClubFixture.Guild, "2026-03-20", default))!.PaperKey);
        Assert.Equal("gpt-2", (await _f.Clubs.GetSessionAsync(ClubFixture.Guild, "2026-03-27", default))!.PaperKey);
        var history = await _f.Queue.ListHistoryAsync(ClubFixture.Guild, 10, default);
        Assert.Equal(
            [("gpt-2", "2026-03-27", new DateTimeOffset(2026, 3, 27, 17, 0, 0, TimeSpan.Zero)), ("2106.09685", "2026-03-20", new DateTimeOffset(2026, 3, 20, 17, 0, 0, TimeSpan.Zero))],
            history.Select(h => (h.PaperKey, h.SessionId, h.SessionStartsAt)));
        Assert.Empty(await _f.Queue.ListAsync(ClubFixture.Guild, default));
    }

    [Fact]
    public async Task A_new_time_moves_the_history_record_of_the_sessions_paper_with_it()
    {
        await _f.SetUpBerlinThursdayAsync();
        await PickIntoAsync("lora", "2026-03-19", Thursday19);

        await _f.Club.SetupAsync(ClubFixture.Guild, ClubFixture.Admin, new ClubScheduleInput(ClubFixture.Channel, "thursday", "20:30", "Europe/Berlin"), default);

        var record = Assert.Single(await _f.Queue.ListHistoryAsync(ClubFixture.Guild, 10, default));
        Assert.Equal(("2026-03-19", Thursday19.AddMinutes(90)), (record.SessionId, record.SessionStartsAt));
    }

    [Fact]
    public async Task A_dropped_paper_no_session_can_take_goes_back_to_the_top_of_the_queue_with_its_votes()
    {
        await _f.SetUpBerlinThursdayAsync();
        await _f.QueueService.AddAsync(ClubFixture.Guild, ClubFixture.Bob, "gpt-2", default);
        await _f.QueueService.VoteAsync(ClubFixture.Guild, ClubFixture.Alice, "gpt-2", default);
        await PickIntoAsync("gpt-2", "2026-03-19", Thursday19);
        await _f.QueueService.AddAsync(ClubFixture.Guild, ClubFixture.Alice, "attention-is-all-you-need", default);
        await _f.Queue.PinAsync(ClubFixture.Guild, "1706.03762", 1, default);
        await _f.QueueService.AddAsync(ClubFixture.Guild, ClubFixture.Alice, "lora", default);
        // Every Friday the search for a free session looks at already holds a paper (as a Friday schedule left them).
        for (var week = 0; week < 8; week++)
        {
            var start = new DateTimeOffset(2026, 3, 20, 17, 0, 0, TimeSpan.Zero).AddDays(7 * week);
            var id = DateOnly.FromDateTime(start.UtcDateTime).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
            await _f.Clubs.SaveSessionAsync(ClubSession.Planned(ClubFixture.Guild, id, start, start.AddMinutes(90)) with { PaperKey = $"held-{week}", PaperTitle = "Held" }, default);
        }

        await _f.Club.SetupAsync(ClubFixture.Guild, ClubFixture.Admin, new ClubScheduleInput(ClubFixture.Channel, "friday", "18:00", "Europe/Berlin"), default);

        var queue = await _f.Queue.ListAsync(ClubFixture.Guild, default);
        Assert.Equal(["gpt-2", "1706.03762", "2106.09685"], queue.Select(p => p.PaperKey));
        Assert.Equal((1, ClubFixture.Bob.UserId, 1), (queue[0].PinOrder, queue[0].ProposedBy, queue[0].Votes));
        Assert.Equal(2, queue[1].PinOrder);
        Assert.Empty(await _f.Queue.ListHistoryAsync(ClubFixture.Guild, 10, default));
        Assert.Null(await _f.Clubs.GetSessionAsync(ClubFixture.Guild, "2026-03-19", default));
    }

    /// <summary>What the pick does: the paper (pinned first so it is the top) moves from the queue into the history
    /// for the session, and the session gets it.</summary>
    private async Task PickIntoAsync(string slug, string sessionId, DateTimeOffset startsAt)
    {
        var key = (await _f.Queue.ListAsync(ClubFixture.Guild, default)).FirstOrDefault(p => p.Slug == slug)?.PaperKey;
        if (key is null)
        {
            await _f.QueueService.AddAsync(ClubFixture.Guild, ClubFixture.Alice, slug, default);
            key = (await _f.Queue.ListAsync(ClubFixture.Guild, default)).Single(p => p.Slug == slug).PaperKey;
        }

        await _f.Queue.PinAsync(ClubFixture.Guild, key, 1, default);
        var paper = (await _f.Queue.MoveTopToHistoryAsync(ClubFixture.Guild, sessionId, startsAt, _f.Time.GetUtcNow(), default))!;
        Assert.Equal(key, paper.PaperKey);
        var session = await _f.Clubs.EnsureSessionAsync(ClubSession.Planned(ClubFixture.Guild, sessionId, startsAt, startsAt.AddMinutes(90)), default);
        await _f.Clubs.SaveSessionAsync(session with { PaperKey = paper.PaperKey, PaperTitle = paper.Title }, default);
    }
}
