using Microsoft.Extensions.Logging.Abstractions;
using StudyBot.Core.Commands;
using StudyBot.Core.FineTune;
using StudyBot.FineTune;
using StudyBot.Storage.FineTune;

namespace StudyBot.Tests.FineTune;

/// <summary>A cancel and the worker's start of the same run meeting: the run is either never trained or its trainer
/// is told to stop; never cancelled on paper while a trainer goes on beside the next run.</summary>
public sealed class FineTuneCancelRaceTests
{
    private static readonly HttpClient Http = new();

    [Fact]
    public async Task A_cancel_that_read_the_run_as_queued_but_meets_it_started_asks_its_trainer_to_stop()
    {
        await using var harness = new FineTuneWorkerHarness();
        var run = await harness.QueueAsync(FakeTrainerScripts.Hangs);
        // The worker registers the run and marks it running right after the cancel has read it as queued.
        var startsAfterRead = new StartsAfterFirstRead(harness.Runs, id => harness.Signal.Register(id));
        var service = Service(harness, startsAfterRead);

        var answer = await service.CancelAsync(new CommandMember(1, "member1", 0), 10, run.Id, null, CancellationToken.None);

        Assert.Equal(FineTuneRunState.Running, answer.State);
        Assert.NotNull(answer.CancelRequestedAt);
        Assert.True(startsAfterRead.Registered!.IsCancellationRequested, "the trainer's cancellation was signalled");
    }

    [Fact]
    public async Task A_run_no_longer_running_when_the_executor_takes_it_is_not_trained_and_its_message_is_left_alone()
    {
        await using var harness = new FineTuneWorkerHarness();
        var run = await harness.QueueAsync("touch \"$1/trainer-ran\"\n" + FakeTrainerScripts.Succeeds(steps: 2));
        var now = DateTimeOffset.UtcNow;
        var started = await harness.Runs.UpdateAsync(run.Id, r => r.Start(now), CancellationToken.None);
        await harness.Runs.UpdateAsync(run.Id, r => r.Cancel(1, now), CancellationToken.None);

        await harness.Executor.ExecuteAsync(started, CancellationToken.None);

        Assert.False(File.Exists(Path.Combine(harness.Folder(run.Id).Directory, "trainer-ran")));
        Assert.Equal(FineTuneRunState.Cancelled, (await harness.Runs.FindAsync(run.Id, CancellationToken.None))!.State);
        Assert.Empty(harness.Notifier.Calls);
    }

    private static FineTuneRequestService Service(FineTuneWorkerHarness harness, IFineTuneRunRepository runs)
    {
        var options = Microsoft.Extensions.Options.Options.Create(harness.Options);
        var editor = new FineTuneRunMessageEditor(runs, harness.Notifier, TimeProvider.System, NullLogger<FineTuneRunMessageEditor>.Instance);
        return new FineTuneRequestService(
            runs, new DirectoryModelCatalog(harness.Options.ModelsDirectory), new TestPaperCatalog(), new HttpDatasetFetcher(Http), harness.Signal, editor, options, TimeProvider.System);
    }

    /// <summary>The stored runs, except that the first read of a run is followed by the worker's start of it.</summary>
    private sealed class StartsAfterFirstRead(IFineTuneRunRepository inner, Func<string, CancellationTokenSource> register) : IFineTuneRunRepository
    {
        private bool read;

        public CancellationTokenSource? Registered { get; private set; }

        public async Task<FineTuneRun?> FindAsync(string runId, CancellationToken cancellationToken)
        {
            var run = await inner.FindAsync(runId, cancellationToken);
            if (!read && run is not null)
            {
                read = true;
                Registered = register(runId);
                await inner.UpdateAsync(runId, r => r.Start(DateTimeOffset.UtcNow), cancellationToken);
            }

            return run;
        }

        public Task<FineTuneRun> AddAsync(Func<string, FineTuneRun> create, CancellationToken cancellationToken) => inner.AddAsync(create, cancellationToken);

        public Task<FineTuneRun> UpdateAsync(string runId, Func<FineTuneRun, FineTuneRun> change, CancellationToken cancellationToken) => inner.UpdateAsync(runId, change, cancellationToken);

        public Task<IReadOnlyList<FineTuneRun>> ListByStateAsync(IReadOnlyCollection<FineTuneRunState> states, CancellationToken cancellationToken) => inner.ListByStateAsync(states, cancellationToken);

        public Task<IReadOnlyList<FineTuneRun>> ListRecentAsync(ulong guildId, int limit, CancellationToken cancellationToken) => inner.ListRecentAsync(guildId, limit, cancellationToken);

        public Task<IReadOnlyList<FineTuneRun>> ListLatestAsync(int limit, CancellationToken cancellationToken) => inner.ListLatestAsync(limit, cancellationToken);

        public Task<IReadOnlyList<FineTuneRun>> ListForMemberAsync(ulong guildId, ulong userId, DateTimeOffset since, CancellationToken cancellationToken) => inner.ListForMemberAsync(guildId, userId, since, cancellationToken);

        public Task<IReadOnlyList<FineTuneRun>> ListForUserAsync(ulong userId, DateTimeOffset since, CancellationToken cancellationToken) => inner.ListForUserAsync(userId, since, cancellationToken);
    }
}
