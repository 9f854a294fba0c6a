using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using StudyBot.Core.FineTune;
using StudyBot.FineTune;
using StudyBot.Storage;
using StudyBot.Storage.FineTune;

namespace StudyBot.Tests.FineTune;

/// <summary>
/// The real worker, executor and supervisor over a temp-folder LiteDB, with a bash script per run as the trainer
/// (<c>bash RUN/trainer.sh RUN</c>) and a recording notifier. <see cref="Restart"/> builds a new worker on the same
/// database file, as a bot restart would.
/// </summary>
internal sealed class FineTuneWorkerHarness : IAsyncDisposable
{
    private readonly TimeProvider _time;
    private FineTuneWorker? _worker;

    /// <param name="time">The clock of the worker, executor and editor (the system clock unless given).</param>
    public FineTuneWorkerHarness(Action<FineTuneOptions>? configure = null, TimeProvider? time = null)
    {
        _time = time ?? TimeProvider.System;
        Root = Path.Combine(Path.GetTempPath(), "studybot-worker-" + Guid.NewGuid().ToString("N"));
        var model = Path.Combine(Root, "models", "tiny");
        Directory.CreateDirectory(model);
        File.WriteAllText(Path.Combine(model, "config.json"), """{"n_positions":128,"vocab_size":257,"n_embd":32,"n_layer":1,"n_head":2}""");
        File.WriteAllBytes(Path.Combine(model, "model.safetensors"), [0, 1, 2, 3]);
        Options = new FineTuneOptions
        {
            ModelsDirectory = Path.Combine(Root, "models"),
            RunsDirectory = Path.Combine(Root, "runs"),
            Device = "cpu",
            TrainerCommand = "/bin/bash",
            TrainerArguments = ["{runDir}/trainer.sh", "{runDir}"],
            ProgressEditInterval = TimeSpan.FromSeconds(1),
            KillGracePeriod = TimeSpan.FromSeconds(5),
        };
        configure?.Invoke(Options);
        Assert.Empty(Options.Validate());
        Database = new StudyBotDatabase(Path.Combine(Root, "studybot.db"));
        Runs = new LiteDbFineTuneRunRepository(Database);
        Build();
    }

    public string Root { get; }

    public FineTuneOptions Options { get; }

    public StudyBotDatabase Database { get; private set; }

    public IFineTuneRunRepository Runs { get; private set; }

    public RecordingFineTuneNotifier Notifier { get; } = new();

    public FineTuneQueueSignal Signal { get; private set; } = null!;

    /// <summary>The executor the worker uses (for tests that hand it a run directly).</summary>
    public FineTuneRunExecutor Executor { get; private set; } = null!;

    public FineTuneRunFolder Folder(string runId) => FineTuneRunFolder.For(Options.RunsDirectory, runId);

    /// <summary>
    /// Makes <paramref name="script"/> the run's trainer from its next start. The file is replaced, not rewritten:
    /// bash reads a script as it goes, so a trainer still running would go on reading the new text at its old offset.
    /// </summary>
    public void ReplaceTrainer(string runId, string script)
    {
        var path = Path.Combine(Folder(runId).Directory, "trainer.sh");
        File.WriteAllText(path + ".new", script.ReplaceLineEndings("\n"));
        File.Move(path + ".new", path, overwrite: true);
    }

    /// <summary>Stores a queued run whose trainer is <paramref name="script"/>.</summary>
    public async Task<FineTuneRun> QueueAsync(string script, ulong user = 1, int steps = 20, string model = "tiny", string? prompt = "Attention")
    {
        var settings = new FineTuneRunSettings(model, new FineTuneDatasetSource(FineTuneDatasetKind.BuiltInSample, BuiltInDatasets.PaperClub, null, 10),
            4, 8, ["c_attn"], steps, 1e-3, 64, 1, prompt);
        var run = await Runs.AddAsync(id => FineTuneRun.Request(id, 10, 20, new FineTuneRequester(user, "member" + user), settings, new string('c', 64), DateTimeOffset.UtcNow), CancellationToken.None);
        var folder = Folder(run.Id);
        Directory.CreateDirectory(folder.Directory);
        File.WriteAllText(folder.Dataset(settings.Dataset), BuiltInDatasets.Content(BuiltInDatasets.PaperClub));
        ReplaceTrainer(run.Id, script);
        run = await Runs.UpdateAsync(run.Id, r => r.Submit(false, DateTimeOffset.UtcNow), CancellationToken.None);
        Signal.QueueChanged();
        return run;
    }

    /// <summary>Stores a run left in "requested" (as by a bot that stopped while storing the request).</summary>
    public Task<FineTuneRun> AddRequestedAsync(DateTimeOffset requestedAt, ulong user = 1)
    {
        var settings = new FineTuneRunSettings("tiny", new FineTuneDatasetSource(FineTuneDatasetKind.BuiltInSample, BuiltInDatasets.PaperClub, null, 10),
            4, 8, ["c_attn"], 20, 1e-3, 64, 1, null);
        return Runs.AddAsync(id => FineTuneRun.Request(id, 10, 20, new FineTuneRequester(user, "member" + user), settings, new string('c', 64), requestedAt), CancellationToken.None);
    }

    public Task StartAsync() => _worker!.StartAsync(CancellationToken.None);

    public async Task StopAsync()
    {
        if (_worker is not null)
        {
            await _worker.StopAsync(CancellationToken.None);
        }
    }

    /// <summary>Stops the worker and starts a new one over a reopened database, as a restart of the bot does.</summary>
    public async Task RestartAsync()
    {
        await StopAsync();
        _worker!.Dispose();
        Database.Dispose();
        Database = new StudyBotDatabase(Path.Combine(Root, "studybot.db"));
        Runs = new LiteDbFineTuneRunRepository(Database);
        Build();
        await StartAsync();
    }

    public async Task<FineTuneRun> WaitForStateAsync(string runId, FineTuneRunState state, int seconds = 30)
    {
        var run = await WaitForEndAsync(runId, seconds, state);
        Assert.True(run.State == state, $"Run {runId} is {run.State}, not {state}. Error: {run.Error}\n{string.Join('\n', run.ErrorTail)}");
        return run;
    }

    private async Task<FineTuneRun> WaitForEndAsync(string runId, int seconds, FineTuneRunState state)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (true)
        {
            var run = await Runs.FindAsync(runId, CancellationToken.None);
            if (run is not null && (run.State == state || (run.IsFinal && state.IsFinal())))
            {
                return run;
            }

            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"Run {runId} did not reach {state} within {seconds} s; it is {run?.State}. Error: {run?.Error}");
            }

            await Task.Delay(50);
        }
    }

    public static async Task WaitUntilAsync(Func<bool> condition, string what, int seconds = 30)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"Timed out waiting until {what}.");
            }

            await Task.Delay(50);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _worker?.Dispose();
        Database.Dispose();
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private void Build()
    {
        var options = Microsoft.Extensions.Options.Options.Create(Options);
        var time = _time;
        Signal = new FineTuneQueueSignal();
        var catalog = new DirectoryModelCatalog(Options.ModelsDirectory);
        var editor = new FineTuneRunMessageEditor(Runs, Notifier, time, NullLogger<FineTuneRunMessageEditor>.Instance);
        var executor = Executor = new FineTuneRunExecutor(
            Runs, Notifier, catalog, new TrainerProcessLauncher(options), new TrainerProcessSupervisor(NullLogger<TrainerProcessSupervisor>.Instance),
            Signal, editor, options, time, NullLogger<FineTuneRunExecutor>.Instance);
        _worker = new FineTuneWorker(Runs, Notifier, executor, editor, Signal, options, time, NullLogger<FineTuneWorker>.Instance);
    }
}
