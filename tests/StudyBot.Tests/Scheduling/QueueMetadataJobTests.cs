using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;
using StudyBot.Core.Club;
using StudyBot.Core.Commands;
using StudyBot.Core.Papers;
using StudyBot.Core.Queue;
using StudyBot.Scheduling;
using StudyBot.Storage;
using StudyBot.Storage.Queue;

namespace StudyBot.Tests.Scheduling;

/// <summary>The pending-metadata job as the bot registers it (real Quartz, real LiteDB file, a fake clock): it asks
/// again at start and then every ten minutes of that clock, and fills in the paper once the lookup answers.</summary>
public sealed class QueueMetadataJobTests : IDisposable
{
    private const ulong Guild = 700;

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Pending_paper_is_asked_for_at_start_and_completed_on_a_later_pass()
    {
        using (var database = new StudyBotDatabase(_folder.DatabasePath))
        {
            var pending = new QueuedPaper(Guild, "2307.09288", null, "arXiv:2307.09288", [], "https://arxiv.org/abs/2307.09288", "arXiv did not answer", 1, DateTimeOffset.UtcNow, [5, 6], null);
            Assert.True(await new LiteDbReadingQueueRepository(database).TryAddAsync(pending, default));
        }

        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var lookup = new SwitchableLookup();
        using var host = Build(clock, lookup);
        await host.StartAsync();
        try
        {
            Assert.True(await SchedulerHost.WaitUntilAsync(() => lookup.Asked >= 1, SchedulerHost.Generous), "the job did not run at start");
            var repository = host.Services.GetRequiredService<IReadingQueueRepository>();
            Assert.True((await repository.FindAsync(Guild, "2307.09288", default))!.MetadataPending);

            lookup.Answer = PaperMetadataResult.Success("Llama 2", ["Hugo Touvron"], "https://arxiv.org/abs/2307.09288v2");
            clock.Advance(QueueMetadataJob.Interval);

            Assert.True(
                await SchedulerHost.WaitUntilAsync(() => !repository.FindAsync(Guild, "2307.09288", default).GetAwaiter().GetResult()!.MetadataPending, SchedulerHost.Generous),
                "the job did not complete the paper ten minutes later");
            var completed = (await repository.FindAsync(Guild, "2307.09288", default))!;
            Assert.Equal("Llama 2", completed.Title);
            Assert.Equal([5UL, 6UL], completed.Voters);
        }
        finally
        {
            await host.StopAsync();
        }
    }

    private IHost Build(FakeTimeProvider clock, SwitchableLookup lookup)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Development" });
        builder.Services.AddSingleton<TimeProvider>(clock);
        builder.Services.AddSingleton<IPaperMetadataLookup>(lookup);
        builder.Services.AddSingleton<IPaperCatalog, EmptyCatalog>();
        builder.Services.AddSingleton<IClubAnnouncer>(new RecordingAnnouncer());
        builder.Services.AddStudyBotCore();
        builder.Services.AddStudyBotStorage(_folder.DatabasePath);
        builder.Services.AddClubScheduling();
        return builder.Build();
    }

    /// <summary>Pending until the test switches the answer.</summary>
    private sealed class SwitchableLookup : IPaperMetadataLookup
    {
        private int _asked;
        private PaperMetadataResult _answer = PaperMetadataResult.Pending("arXiv is limiting requests right now");

        public PaperMetadataResult Answer
        {
            get => Volatile.Read(ref _answer);
            set => Volatile.Write(ref _answer, value);
        }

        public int Asked => Volatile.Read(ref _asked);

        public Task<PaperMetadataResult> LookupAsync(string arxivId, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _asked);
            return Task.FromResult(Answer);
        }
    }
}
