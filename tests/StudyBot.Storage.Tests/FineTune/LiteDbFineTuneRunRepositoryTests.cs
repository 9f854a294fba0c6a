using StudyBot.Core.FineTune;
using StudyBot.Storage.FineTune;

namespace StudyBot.Storage.Tests.FineTune;

public sealed class LiteDbFineTuneRunRepositoryTests : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);
    private readonly TempDatabase _db = new();

    public void Dispose() => _db.Dispose();

    private static FineTuneRunSettings Settings() =>
        new("tiny", new FineTuneDatasetSource(FineTuneDatasetKind.Attachment, "notes.jsonl", "https://cdn.example/notes.jsonl", 1234),
            4, 8, ["c_attn", "c_fc"], 50, 1e-3, 64, 7, "Attention is");

    private static Task<FineTuneRun> AddAsync(IFineTuneRunRepository repository, ulong user = 1, ulong guild = 10, DateTimeOffset? at = null) =>
        repository.AddAsync(id => FineTuneRun.Request(id, guild, 20, new FineTuneRequester(user, "m" + user), Settings(), new string('b', 64), at ?? T0), CancellationToken.None);

    [Fact]
    public async Task New_runs_get_short_sequential_ids()
    {
        var repository = new LiteDbFineTuneRunRepository(_db.Database);

        Assert.Equal("r1", (await AddAsync(repository)).Id);
        Assert.Equal("r2", (await AddAsync(repository)).Id);
    }

    [Fact]
    public async Task A_run_with_all_its_fields_survives_reopening_the_database()
    {
        var repository = new LiteDbFineTuneRunRepository(_db.Database);
        var run = await AddAsync(repository);
        var result = new FineTuneResult(3.2, 1.1, 24.5, 3.0, [new FineTuneSample("Attention is", "aaa", "all you need")], "/runs/r1/loss.png", "/runs/r1/adapter", "/runs/r1/adapter.zip", false, TimeSpan.FromSeconds(95));
        await repository.UpdateAsync(run.Id, r => r.Submit(false, T0).Start(T0.AddMinutes(1))
            .AttachMessage(new FineTuneMessageRef(20, 555, "tok", T0))
            .ReportProgress(new FineTuneProgress(50, 50, 1.2, 1e-4, 999, TimeSpan.FromSeconds(3), T0.AddMinutes(2)))
            .Succeed(result, T0.AddMinutes(3)), CancellationToken.None);

        _db.Reopen();
        var reopened = new LiteDbFineTuneRunRepository(_db.Database);
        var stored = await reopened.FindAsync("R1 ", CancellationToken.None);

        Assert.NotNull(stored);
        Assert.Equal(FineTuneRunState.Succeeded, stored.State);
        Assert.Equal(Settings().Dataset, stored.Settings.Dataset);
        Assert.Equal(["c_attn", "c_fc"], stored.Settings.TargetModules);
        Assert.Equal(result.Samples, stored.Result!.Samples);
        Assert.Equal(result.Duration, stored.Result.Duration);
        Assert.Equal(555UL, stored.Message!.MessageId);
        Assert.Equal(TimeSpan.FromSeconds(3), stored.Progress!.Eta);
        Assert.Equal(T0.AddMinutes(3), stored.FinishedAt);
        Assert.Equal("r2", (await AddAsync(reopened)).Id);
    }

    [Fact]
    public async Task A_failing_transition_stores_nothing()
    {
        var repository = new LiteDbFineTuneRunRepository(_db.Database);
        var run = await AddAsync(repository);
        await repository.UpdateAsync(run.Id, r => r.Submit(false, T0).Cancel(1, T0), CancellationToken.None);

        await Assert.ThrowsAsync<FineTuneTransitionException>(() => repository.UpdateAsync(run.Id, r => r.Start(T0), CancellationToken.None));

        Assert.Equal(FineTuneRunState.Cancelled, (await repository.FindAsync(run.Id, CancellationToken.None))!.State);
        await Assert.ThrowsAsync<KeyNotFoundException>(() => repository.UpdateAsync("r99", r => r, CancellationToken.None));
    }

    [Fact]
    public async Task When_the_worker_and_a_cancel_race_exactly_one_wins_and_nothing_is_lost()
    {
        var repository = new LiteDbFineTuneRunRepository(_db.Database);
        for (var round = 0; round < 20; round++)
        {
            var run = await AddAsync(repository);
            await repository.UpdateAsync(run.Id, r => r.Submit(false, T0), CancellationToken.None);
            using var gate = new Barrier(2);

            async Task<bool> Attempt(Func<FineTuneRun, FineTuneRun> change)
            {
                await Task.Yield();
                gate.SignalAndWait();
                try
                {
                    await repository.UpdateAsync(run.Id, change, CancellationToken.None);
                    return true;
                }
                catch (FineTuneTransitionException)
                {
                    return false;
                }
            }

            var start = Task.Run(() => Attempt(r => r.Start(T0)));
            var cancel = Task.Run(() => Attempt(r => r.Cancel(2, T0)));
            var outcomes = await Task.WhenAll(start, cancel);

            var stored = (await repository.FindAsync(run.Id, CancellationToken.None))!;
            if (outcomes[0] && outcomes[1])
            {
                // Start first, then cancel of the running run: both legal in that order.
                Assert.Equal(FineTuneRunState.Cancelled, stored.State);
                Assert.Equal(1, stored.Attempts);
            }
            else
            {
                Assert.True(outcomes[1]);
                Assert.Equal(FineTuneRunState.Cancelled, stored.State);
                Assert.Equal(0, stored.Attempts);
            }
        }
    }

    [Fact]
    public async Task Parallel_progress_updates_and_id_allocation_lose_nothing()
    {
        var repository = new LiteDbFineTuneRunRepository(_db.Database);
        var second = new LiteDbFineTuneRunRepository(_db.Database);
        var run = await AddAsync(repository);
        await repository.UpdateAsync(run.Id, r => r.Submit(false, T0).Start(T0), CancellationToken.None);

        // Each update reads the step stored so far and adds one: a lost update would show as a smaller total.
        var updates = Enumerable.Range(0, 200).Select(i => Task.Run(() => (i % 2 == 0 ? repository : second).UpdateAsync(run.Id, r =>
            r.ReportProgress(new FineTuneProgress((r.Progress?.Step ?? 0) + 1, 1000, 1, 1, 1, null, T0)), CancellationToken.None)));
        var adds = Enumerable.Range(0, 50).Select(i => Task.Run(() => AddAsync(i % 2 == 0 ? repository : second)));
        await Task.WhenAll(updates);
        var added = await Task.WhenAll(adds);

        Assert.Equal(200, (await repository.FindAsync(run.Id, CancellationToken.None))!.Progress!.Step);
        Assert.Equal(50, added.Select(r => r.Id).Distinct().Count());
    }

    [Fact]
    public async Task Queries_filter_by_state_guild_and_member()
    {
        var repository = new LiteDbFineTuneRunRepository(_db.Database);
        var a = await AddAsync(repository, user: 1, at: T0.AddDays(-3));
        var b = await AddAsync(repository, user: 1, at: T0);
        var c = await AddAsync(repository, user: 2, at: T0.AddMinutes(1));
        var d = await AddAsync(repository, user: 1, guild: 11, at: T0.AddMinutes(2));
        await repository.UpdateAsync(a.Id, r => r.Submit(false, T0).Cancel(1, T0), CancellationToken.None);
        await repository.UpdateAsync(b.Id, r => r.Submit(false, T0), CancellationToken.None);
        await repository.UpdateAsync(c.Id, r => r.Submit(false, T0).Start(T0), CancellationToken.None);

        var queuedOrRunning = await repository.ListByStateAsync([FineTuneRunState.Queued, FineTuneRunState.Running], CancellationToken.None);
        Assert.Equal([b.Id, c.Id], queuedOrRunning.Select(r => r.Id));

        var recent = await repository.ListRecentAsync(10, 2, CancellationToken.None);
        Assert.Equal([c.Id, b.Id], recent.Select(r => r.Id));

        var member = await repository.ListForMemberAsync(10, 1, T0.AddDays(-1), CancellationToken.None);
        Assert.Equal([b.Id], member.Select(r => r.Id));
        Assert.DoesNotContain(d.Id, member.Select(r => r.Id));
    }
}
