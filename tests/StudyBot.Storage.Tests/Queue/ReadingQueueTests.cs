using StudyBot.Core.Commands;
using StudyBot.Core.Queue;

namespace StudyBot.Storage.Tests.Queue;

public sealed class ReadingQueueTests : IDisposable
{
    private readonly QueueFixture _f = new();

    public void Dispose() => _f.Dispose();

    [Fact]
    public async Task Paper_returned_from_the_history_is_first_in_the_queue_as_it_was_and_survives_a_restart()
    {
        await _f.Service.AddAsync(QueueFixture.Guild, QueueFixture.Alice, "lora", default);
        await _f.Service.VoteAsync(QueueFixture.Guild, QueueFixture.Bob, "lora", default);
        var picked = await _f.Repository.MoveTopToHistoryAsync(QueueFixture.Guild, "2026-03-19", DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, default);
        await _f.Service.AddAsync(QueueFixture.Guild, QueueFixture.Bob, "gpt-2", default);
        await _f.Repository.PinAsync(QueueFixture.Guild, "gpt-2", 1, default);

        Assert.True(await _f.Repository.ReturnToQueueAsync(QueueFixture.Guild, picked!.PaperKey, "2026-03-19", default));
        Assert.False(await _f.Repository.ReturnToQueueAsync(QueueFixture.Guild, picked.PaperKey, "2026-03-19", default));
        _f.Reopen();

        var queue = await _f.Repository.ListAsync(QueueFixture.Guild, default);
        Assert.Equal(["2106.09685", "gpt-2"], queue.Select(p => p.PaperKey));
        Assert.Equal(("lora", TestCatalog.Lora.Title, 1, 1), (queue[0].Slug, queue[0].Title, queue[0].Votes, queue[0].PinOrder));
        Assert.Equal(2, queue[1].PinOrder);
        Assert.Empty(await _f.Repository.ListHistoryAsync(QueueFixture.Guild, 10, default));
    }

    [Fact]
    public async Task Library_paper_is_added_by_slug_with_its_library_title()
    {
        var added = await _f.Service.AddAsync(QueueFixture.Guild, QueueFixture.Alice, "lora", default);

        Assert.Equal("2106.09685", added.PaperKey);
        Assert.Equal("lora", added.Slug);
        Assert.Equal(TestCatalog.Lora.Title, added.Title);
        Assert.Empty(_f.Lookup.Asked);
    }

    [Fact]
    public async Task Library_paper_given_by_arxiv_url_is_the_same_library_entry()
    {
        var added = await _f.Service.AddAsync(QueueFixture.Guild, QueueFixture.Alice, "https://arxiv.org/abs/1706.03762v7", default);

        Assert.Equal(TestCatalog.Attention.Title, added.Title);
        Assert.Empty(_f.Lookup.Asked);
    }

    [Fact]
    public async Task Arxiv_paper_outside_the_library_gets_title_from_the_lookup()
    {
        var added = await _f.Service.AddAsync(QueueFixture.Guild, QueueFixture.Alice, "arXiv:2401.12345v3", default);

        Assert.Equal("2401.12345", added.PaperKey);
        Assert.Equal("A Queued Paper", added.Title);
        Assert.False(added.MetadataPending);
    }

    [Fact]
    public async Task Failed_lookup_still_queues_the_paper_with_metadata_pending()
    {
        var added = await _f.Service.AddAsync(QueueFixture.Guild, QueueFixture.Alice, "2312.00001", default);

        Assert.True(added.MetadataPending);
        Assert.Equal("arXiv:2312.00001", added.Title);
        Assert.Equal("https://arxiv.org/abs/2312.00001", added.Url);
        Assert.NotNull(await _f.Repository.FindAsync(QueueFixture.Guild, "2312.00001", default));
    }

    [Fact]
    public async Task Unknown_paper_that_is_not_an_arxiv_id_is_rejected_and_nothing_changes()
    {
        await _f.Service.AddAsync(QueueFixture.Guild, QueueFixture.Alice, "lora", default);
        var before = await _f.SnapshotAsync();

        var response = await _f.Router.HandleCommandAsync(QueueFixture.Command("queue add", QueueFixture.Bob, ("paper", CommandOptionType.String, "no-such-paper")), default);

        Assert.True(response.Ephemeral);
        Assert.Contains("isn't an arXiv id", response.Content, StringComparison.Ordinal);
        Assert.Equal(before, await _f.SnapshotAsync());
    }

    [Fact]
    public async Task Duplicate_add_is_rejected_and_keeps_the_original_proposer_and_votes()
    {
        await _f.Service.AddAsync(QueueFixture.Guild, QueueFixture.Alice, "lora", default);
        await _f.Service.VoteAsync(QueueFixture.Guild, QueueFixture.Bob, "lora", default);
        var before = await _f.SnapshotAsync();

        var response = await _f.Router.HandleCommandAsync(QueueFixture.Command("queue add", QueueFixture.Bob, ("paper", CommandOptionType.String, "2106.09685")), default);

        Assert.True(response.Ephemeral);
        Assert.Contains("already in the queue", response.Content, StringComparison.Ordinal);
        Assert.Equal(before, await _f.SnapshotAsync());
    }

    [Fact]
    public async Task Second_vote_by_the_same_member_is_rejected_and_the_count_stays()
    {
        await _f.Service.AddAsync(QueueFixture.Guild, QueueFixture.Alice, "lora", default);
        await _f.Router.HandleCommandAsync(QueueFixture.Command("queue vote", QueueFixture.Bob, ("paper", CommandOptionType.String, "lora")), default);

        var response = await _f.Router.HandleCommandAsync(QueueFixture.Command("queue vote", QueueFixture.Bob, ("paper", CommandOptionType.String, "lora")), default);

        Assert.True(response.Ephemeral);
        Assert.Contains("already voted", response.Content, StringComparison.Ordinal);
        Assert.Equal(1, (await _f.Repository.FindAsync(QueueFixture.Guild, "2106.09685", default))!.Votes);
    }

    [Fact]
    public async Task Unvote_takes_back_a_vote_and_unvoting_again_is_rejected()
    {
        await _f.Service.AddAsync(QueueFixture.Guild, QueueFixture.Alice, "lora", default);
        await _f.Service.VoteAsync(QueueFixture.Guild, QueueFixture.Bob, "lora", default);

        var result = await _f.Service.UnvoteAsync(QueueFixture.Guild, QueueFixture.Bob, "lora", default);

        Assert.Equal(0, result.Votes);
        await Assert.ThrowsAsync<QueueRuleException>(() => _f.Service.UnvoteAsync(QueueFixture.Guild, QueueFixture.Bob, "lora", default));
    }

    [Fact]
    public async Task Fifty_parallel_votes_from_different_members_are_all_counted()
    {
        await _f.Service.AddAsync(QueueFixture.Guild, QueueFixture.Alice, "lora", default);

        await Task.WhenAll(Enumerable.Range(100, 50).Select(id => Task.Run(() =>
            _f.Service.VoteAsync(QueueFixture.Guild, new(Convert.ToUInt64(id), $"m{id}", false), "lora", default))));

        Assert.Equal(50, (await _f.Repository.FindAsync(QueueFixture.Guild, "2106.09685", default))!.Votes);
        _f.Reopen();
        var reopened = await _f.Repository.FindAsync(QueueFixture.Guild, "2106.09685", default);
        Assert.Equal(50, reopened!.Votes);
        Assert.Equal(50, reopened.Voters.Distinct().Count());
    }

    [Fact]
    public async Task Parallel_votes_on_different_papers_do_not_interfere()
    {
        await _f.Service.AddAsync(QueueFixture.Guild, QueueFixture.Alice, "lora", default);
        await _f.Service.AddAsync(QueueFixture.Guild, QueueFixture.Alice, "gpt-2", default);

        await Task.WhenAll(Enumerable.Range(100, 40).Select(id => Task.Run(() =>
            _f.Service.VoteAsync(QueueFixture.Guild, new(Convert.ToUInt64(id), $"m{id}", false), id % 2 == 0 ? "lora" : "gpt-2", default))));

        Assert.Equal(20, (await _f.Repository.FindAsync(QueueFixture.Guild, "2106.09685", default))!.Votes);
        Assert.Equal(20, (await _f.Repository.FindAsync(QueueFixture.Guild, "gpt-2", default))!.Votes);
    }

    [Fact]
    public async Task Queue_survives_reopening_the_database_file()
    {
        await _f.Service.AddAsync(QueueFixture.Guild, QueueFixture.Alice, "lora", default);
        await _f.Service.AddAsync(QueueFixture.Guild, QueueFixture.Bob, "2312.00001", default);
        await _f.Service.VoteAsync(QueueFixture.Guild, QueueFixture.Bob, "lora", default);
        var before = await _f.SnapshotAsync();

        _f.Reopen();

        Assert.Equal(before, await _f.SnapshotAsync());
        var pending = await _f.Repository.FindAsync(QueueFixture.Guild, "2312.00001", default);
        Assert.True(pending!.MetadataPending);
    }

    [Fact]
    public async Task List_orders_by_votes_then_age()
    {
        await _f.Service.AddAsync(QueueFixture.Guild, QueueFixture.Alice, "attention-is-all-you-need", default);
        await _f.Service.AddAsync(QueueFixture.Guild, QueueFixture.Alice, "lora", default);
        await _f.Service.AddAsync(QueueFixture.Guild, QueueFixture.Alice, "gpt-2", default);
        await _f.Service.VoteAsync(QueueFixture.Guild, QueueFixture.Bob, "gpt-2", default);

        var keys = (await _f.Service.ListAsync(QueueFixture.Guild, default)).Select(p => p.PaperKey);

        Assert.Equal(["gpt-2", "1706.03762", "2106.09685"], keys);
    }

    [Fact]
    public async Task Queues_of_different_guilds_are_separate()
    {
        await _f.Service.AddAsync(QueueFixture.Guild, QueueFixture.Alice, "lora", default);
        await _f.Service.AddAsync(QueueFixture.Guild + 1, QueueFixture.Alice, "lora", default);

        Assert.Single(await _f.Service.ListAsync(QueueFixture.Guild + 1, default));
        Assert.Single(await _f.Service.ListAsync(QueueFixture.Guild, default));
    }

    [Fact]
    public async Task Only_the_proposer_or_an_admin_can_remove_a_paper()
    {
        await _f.Service.AddAsync(QueueFixture.Guild, QueueFixture.Alice, "lora", default);
        var before = await _f.SnapshotAsync();

        var refused = await _f.Router.HandleCommandAsync(QueueFixture.Command("queue remove", QueueFixture.Bob, ("paper", CommandOptionType.String, "lora")), default);
        Assert.True(refused.Ephemeral);
        Assert.Equal(before, await _f.SnapshotAsync());

        var removed = await _f.Router.HandleCommandAsync(QueueFixture.Command("queue remove", QueueFixture.Admin, ("paper", CommandOptionType.String, "lora")), default);
        Assert.False(removed.Ephemeral);
        Assert.Empty(await _f.Service.ListAsync(QueueFixture.Guild, default));
    }

    [Fact]
    public async Task Admin_move_pins_the_paper_at_the_position_and_members_cannot_move()
    {
        await _f.Service.AddAsync(QueueFixture.Guild, QueueFixture.Alice, "attention-is-all-you-need", default);
        await _f.Service.AddAsync(QueueFixture.Guild, QueueFixture.Alice, "lora", default);
        await _f.Service.AddAsync(QueueFixture.Guild, QueueFixture.Alice, "gpt-2", default);
        await _f.Service.VoteAsync(QueueFixture.Guild, QueueFixture.Bob, "lora", default);
        var before = await _f.SnapshotAsync();

        var refused = await _f.Router.HandleCommandAsync(QueueFixture.Command("queue move", QueueFixture.Bob, ("paper", CommandOptionType.String, "gpt-2"), ("position", CommandOptionType.Integer, 1L)), default);
        Assert.True(refused.Ephemeral);
        Assert.Equal(before, await _f.SnapshotAsync());

        await _f.Service.MoveAsync(QueueFixture.Guild, QueueFixture.Admin, "gpt-2", 1, default);
        var second = await _f.Service.MoveAsync(QueueFixture.Guild, QueueFixture.Admin, "attention-is-all-you-need", 1, default);

        Assert.Equal(1, second);
        var keys = (await _f.Service.ListAsync(QueueFixture.Guild, default)).Select(p => p.PaperKey);
        Assert.Equal(["1706.03762", "gpt-2", "2106.09685"], keys);
    }

    [Fact]
    public async Task Unpinned_paper_returns_to_vote_order()
    {
        await _f.Service.AddAsync(QueueFixture.Guild, QueueFixture.Alice, "lora", default);
        await _f.Service.AddAsync(QueueFixture.Guild, QueueFixture.Alice, "gpt-2", default);
        await _f.Service.VoteAsync(QueueFixture.Guild, QueueFixture.Bob, "lora", default);
        await _f.Service.PinAsync(QueueFixture.Guild, QueueFixture.Admin, "gpt-2", default);
        Assert.Equal("gpt-2", (await _f.Service.ListAsync(QueueFixture.Guild, default))[0].PaperKey);

        await _f.Service.UnpinAsync(QueueFixture.Guild, QueueFixture.Admin, "gpt-2", default);

        Assert.Equal("2106.09685", (await _f.Service.ListAsync(QueueFixture.Guild, default))[0].PaperKey);
    }

    [Fact]
    public async Task Taking_the_top_again_for_a_session_that_has_its_paper_gives_that_paper_and_takes_nothing_more()
    {
        await _f.Service.AddAsync(QueueFixture.Guild, QueueFixture.Alice, "lora", default);
        await _f.Service.AddAsync(QueueFixture.Guild, QueueFixture.Alice, "gpt-2", default);
        var startsAt = new DateTimeOffset(2026, 3, 5, 18, 0, 0, TimeSpan.Zero);

        var first = await _f.Repository.MoveTopToHistoryAsync(QueueFixture.Guild, "2026-03-05", startsAt, startsAt.AddDays(-5), default);
        _f.Reopen();
        var again = await _f.Repository.MoveTopToHistoryAsync(QueueFixture.Guild, "2026-03-05", startsAt, startsAt.AddDays(-1), default);

        Assert.Equal(first!.PaperKey, again!.PaperKey);
        Assert.Single(await _f.Repository.ListHistoryAsync(QueueFixture.Guild, 10, default));
        Assert.Equal("gpt-2", Assert.Single(await _f.Service.ListAsync(QueueFixture.Guild, default)).PaperKey);
    }

    [Fact]
    public async Task Taking_the_top_moves_it_to_the_history_with_the_session_date()
    {
        await _f.Service.AddAsync(QueueFixture.Guild, QueueFixture.Alice, "lora", default);
        await _f.Service.AddAsync(QueueFixture.Guild, QueueFixture.Alice, "gpt-2", default);
        var startsAt = new DateTimeOffset(2026, 3, 5, 18, 0, 0, TimeSpan.Zero);

        var taken = await _f.Repository.MoveTopToHistoryAsync(QueueFixture.Guild, "2026-03-05", startsAt, startsAt.AddDays(-5), default);

        Assert.Equal("2106.09685", taken!.PaperKey);
        _f.Reopen();
        var history = await _f.Repository.ListHistoryAsync(QueueFixture.Guild, 10, default);
        Assert.Equal(startsAt, Assert.Single(history).SessionStartsAt);
        Assert.Equal("gpt-2", Assert.Single(await _f.Service.ListAsync(QueueFixture.Guild, default)).PaperKey);
    }

    [Fact]
    public async Task Autocomplete_offers_library_titles_for_add_and_queued_papers_for_vote()
    {
        await _f.Service.AddAsync(QueueFixture.Guild, QueueFixture.Alice, "lora", default);
        var member = new CommandMember(2, "bob", 0);

        var forAdd = await _f.Router.HandleAutocompleteAsync(new AutocompleteRequest(member, QueueFixture.Guild, 77, "queue add", "paper", "attention", CommandOptionSet.Empty), default);
        var forVote = await _f.Router.HandleAutocompleteAsync(new AutocompleteRequest(member, QueueFixture.Guild, 77, "queue vote", "paper", "", CommandOptionSet.Empty), default);

        Assert.Equal("1706.03762", Assert.Single(forAdd).Value);
        Assert.Equal("2106.09685", Assert.Single(forVote).Value);
    }

    [Fact]
    public async Task List_command_renders_the_queue_as_an_embed()
    {
        await _f.Service.AddAsync(QueueFixture.Guild, QueueFixture.Alice, "lora", default);

        var response = await _f.Router.HandleCommandAsync(QueueFixture.Command("queue list", QueueFixture.Bob), default);

        var embed = Assert.Single(response.Embeds);
        Assert.Contains(TestCatalog.Lora.Title, embed.Description, StringComparison.Ordinal);
    }
}
