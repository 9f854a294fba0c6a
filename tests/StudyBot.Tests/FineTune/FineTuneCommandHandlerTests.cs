using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using StudyBot.Core.Commands;
using StudyBot.Core.FineTune;
using StudyBot.FineTune;
using StudyBot.Storage;
using StudyBot.Storage.FineTune;
using StudyBot.Training.Tokenization;

namespace StudyBot.Tests.FineTune;

/// <summary>/finetune through the real command router, with a temp LiteDB, a models folder and a loopback CDN.</summary>
public sealed class FineTuneCommandHandlerTests : IAsyncLifetime
{
    private const ulong Guild = 10;
    private const ulong Channel = 20;
    private static readonly CommandMember Alice = new(1, "alice", 0);
    private static readonly CommandMember Bob = new(2, "bob", 0);
    private static readonly CommandMember Admin = new(3, "admin", DiscordPermissions.Administrator);

    private readonly string _root = Path.Combine(Path.GetTempPath(), "studybot-ftcmd-" + Guid.NewGuid().ToString("N"));
    private readonly HttpClient _http = new();
    private readonly FineTuneOptions _options = new() { MaxDatasetBytes = 4096, MaxRank = 16, MaxSteps = 500, MaxSeqLen = 128, MaxActiveRunsPerMember = 2 };
    private readonly RecordingFineTuneNotifier _notifier = new();
    private AttachmentServer _cdn = null!;
    private StudyBotDatabase _database = null!;
    private LiteDbFineTuneRunRepository _runs = null!;
    private CommandRouter _router = null!;

    public async Task InitializeAsync()
    {
        var model = Path.Combine(_root, "models", "tiny");
        Directory.CreateDirectory(model);
        System.IO.File.WriteAllText(Path.Combine(model, "config.json"), """{"n_positions":128,"vocab_size":257}""");
        System.IO.File.WriteAllBytes(Path.Combine(model, "model.safetensors"), [1]);
        TokenizerLoader.WriteByteTokenizerFiles(model);
        _options.ModelsDirectory = Path.Combine(_root, "models");
        _options.RunsDirectory = Path.Combine(_root, "runs");
        _cdn = await AttachmentServer.StartAsync();
        _database = new StudyBotDatabase(Path.Combine(_root, "studybot.db"));
        _runs = new LiteDbFineTuneRunRepository(_database);
        _router = BuildRouter(TimeProvider.System);
    }

    public async Task DisposeAsync()
    {
        await _cdn.DisposeAsync();
        _http.Dispose();
        _database.Dispose();
        Directory.Delete(_root, recursive: true);
    }

    [Fact]
    public async Task An_attached_dataset_is_checked_stored_in_the_run_folder_and_queued_with_a_cancel_button()
    {
        var content = Encoding.UTF8.GetBytes("{\"text\":\"attention is all you need\"}\n{\"text\":\"low rank\"}\n");
        var response = await StartAsync(Alice, File("notes.jsonl", content), ("rank", 4L), ("steps", 50L), ("seq_len", 8L));

        Assert.False(response.Ephemeral, response.Content);
        Assert.Contains("run **r1**", response.Content, StringComparison.Ordinal);
        Assert.Contains("next to start", response.Content, StringComparison.Ordinal);
        Assert.Equal("ft:cancel:r1", Assert.IsType<ButtonComponent>(response.Components[0].Components[0]).CustomId);

        var run = (await _runs.FindAsync("r1", CancellationToken.None))!;
        Assert.Equal(FineTuneRunState.Queued, run.State);
        Assert.Equal(4, run.Settings.Rank);
        Assert.Equal(FineTuneDatasetHash.Compute(content), run.DatasetSha256);
        Assert.Equal(content, System.IO.File.ReadAllBytes(Path.Combine(_options.RunsDirectory, "r1", "data.jsonl")));
    }

    [Fact]
    public async Task A_second_members_run_shows_its_position()
    {
        await StartAsync(Alice);
        var response = await StartAsync(Bob);

        Assert.Contains("position 2", response.Content, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Out_of_range_settings_are_refused_with_the_limits_and_nothing_is_stored()
    {
        var response = await StartAsync(Alice, ("rank", 64L), ("steps", 9999L), ("seq_len", 4096L));

        Assert.True(response.Ephemeral);
        Assert.Contains("`rank` must be between 1 and 16 (got 64)", response.Content, StringComparison.Ordinal);
        Assert.Contains("`steps` must be between 1 and 500 (got 9999)", response.Content, StringComparison.Ordinal);
        Assert.Contains("`seq_len` must be between 8 and 128 (got 4096)", response.Content, StringComparison.Ordinal);
        Assert.Empty(await _runs.ListRecentAsync(Guild, 10, CancellationToken.None));
    }

    [Theory]
    [InlineData("latin1.txt", new byte[] { 0x63, 0x61, 0x66, 0xE9, 0x0A }, "not valid UTF-8")]
    [InlineData("empty.txt", new byte[0], "is empty")]
    public async Task Unusable_data_files_are_refused_before_queueing(string name, byte[] content, string expected)
    {
        var response = await StartAsync(Alice, File(name, content));

        Assert.True(response.Ephemeral);
        Assert.Contains(expected, response.Content, StringComparison.Ordinal);
        Assert.Empty(await _runs.ListRecentAsync(Guild, 10, CancellationToken.None));
        Assert.False(Directory.Exists(_options.RunsDirectory) && Directory.EnumerateFileSystemEntries(_options.RunsDirectory).Any());
    }

    [Fact]
    public async Task A_bad_jsonl_line_is_reported_by_its_number()
    {
        var content = Encoding.UTF8.GetBytes("{\"text\":\"one\"}\n{\"text\":\"two\"}\n{\"text\": oops}\n");

        var response = await StartAsync(Alice, File("bad.jsonl", content));

        Assert.Contains("line 3", response.Content, StringComparison.Ordinal);
        Assert.Empty(await _runs.ListRecentAsync(Guild, 10, CancellationToken.None));
    }

    [Fact]
    public async Task Too_large_files_are_refused_whether_the_size_is_announced_or_not()
    {
        var big = Encoding.UTF8.GetBytes(new string('a', 5000));

        var announced = await StartAsync(Alice, File("big.txt", big));
        Assert.Contains("4.9 KiB; the limit is 4 KiB", announced.Content, StringComparison.Ordinal);

        // Discord said it was small, the download is not: the fetcher's cap catches it.
        var lied = await StartAsync(Alice, File("sneaky.txt", big, claimedSize: 100));
        Assert.Contains("limit", lied.Content, StringComparison.Ordinal);
        Assert.Empty(await _runs.ListRecentAsync(Guild, 10, CancellationToken.None));
    }

    [Fact]
    public async Task A_paper_note_or_the_built_in_sample_needs_no_attachment()
    {
        await StartAsync(Alice, ("paper", "lora"), ("seq_len", 8L));
        await StartAsync(Bob);

        var paperRun = (await _runs.FindAsync("r1", CancellationToken.None))!;
        Assert.Equal(FineTuneDatasetKind.Paper, paperRun.Settings.Dataset.Kind);
        Assert.Equal(TestPaperCatalog.Lora.Body, System.IO.File.ReadAllText(Path.Combine(_options.RunsDirectory, "r1", "data.txt")));
        var sampleRun = (await _runs.FindAsync("r2", CancellationToken.None))!;
        Assert.Equal(BuiltInDatasets.PaperClub, sampleRun.Settings.Dataset.Name);
    }

    [Fact]
    public async Task A_member_at_the_active_run_limit_is_refused()
    {
        await StartAsync(Alice);
        await StartAsync(Alice);

        var third = await StartAsync(Alice);

        Assert.True(third.Ephemeral);
        Assert.Contains("limit 2", third.Content, StringComparison.Ordinal);
        Assert.Equal(2, (await _runs.ListRecentAsync(Guild, 10, CancellationToken.None)).Count);
    }

    [Fact]
    public async Task Members_cannot_cancel_each_others_runs_but_owners_and_admins_can()
    {
        await StartAsync(Alice);
        await StartAsync(Alice);

        var refused = await CommandAsync(Bob, "finetune cancel", ("run", "r1"));
        Assert.True(refused.Ephemeral);
        Assert.Contains("only they or an admin", refused.Content, StringComparison.Ordinal);
        Assert.Equal(FineTuneRunState.Queued, (await _runs.FindAsync("r1", CancellationToken.None))!.State);

        var byButton = await _router.HandleComponentAsync(new ComponentRequest(Bob, Guild, Channel, 1, "ft:cancel:r1", []), CancellationToken.None);
        Assert.True(byButton.Ephemeral);

        await CommandAsync(Alice, "finetune cancel", ("run", "r1"));
        Assert.Equal(FineTuneRunState.Cancelled, (await _runs.FindAsync("r1", CancellationToken.None))!.State);

        var adminClick = await _router.HandleComponentAsync(new ComponentRequest(Admin, Guild, Channel, 1, "ft:cancel:r2", []), CancellationToken.None);
        Assert.Equal(CommandResponseKind.UpdateMessage, adminClick.Kind);
        var cancelled = (await _runs.FindAsync("r2", CancellationToken.None))!;
        Assert.Equal(FineTuneRunState.Cancelled, cancelled.State);
        Assert.Equal(Admin.UserId, cancelled.CancelledBy);
    }

    [Fact]
    public async Task In_approval_mode_runs_wait_until_an_admin_approves_them()
    {
        _options.RequireApproval = true;
        var response = await StartAsync(Alice);
        Assert.Contains("waiting for an admin", response.Content, StringComparison.Ordinal);

        var refused = await CommandAsync(Bob, "finetune approve", ("run", "r1"));
        Assert.Contains("Only admins", refused.Content, StringComparison.Ordinal);

        var approved = await CommandAsync(Admin, "finetune approve", ("run", "r1"));
        Assert.Contains("position 1", approved.Content, StringComparison.Ordinal);
        Assert.Equal(FineTuneRunState.Queued, (await _runs.FindAsync("r1", CancellationToken.None))!.State);
    }

    [Fact]
    public async Task An_unknown_model_lists_the_available_ones_and_autocomplete_offers_them()
    {
        var response = await CommandAsync(Alice, "finetune start", ("model", "gpt-9"));
        Assert.Contains("There is no model `gpt-9`. Available: `tiny`.", response.Content, StringComparison.Ordinal);

        var choices = await _router.HandleAutocompleteAsync(
            new AutocompleteRequest(Alice, Guild, Channel, "finetune start", "model", "ti", CommandOptionSet.Empty), CancellationToken.None);
        Assert.Equal("tiny", Assert.Single(choices).Value);
    }

    [Fact]
    public async Task List_shows_the_queue_in_policy_order()
    {
        await StartAsync(Alice);
        await StartAsync(Alice);
        await StartAsync(Bob);

        var list = await CommandAsync(Alice, "finetune list");

        var queue = list.Embeds[0].Fields!.Single(f => f.Name == "Queue").Value.Split('\n');
        Assert.StartsWith("**r1**", queue[0], StringComparison.Ordinal);
        Assert.StartsWith("**r3**", queue[1], StringComparison.Ordinal);
        Assert.StartsWith("**r2**", queue[2], StringComparison.Ordinal);
    }

    [Fact]
    public async Task List_numbers_the_queue_as_the_gpu_shares_it_across_servers_and_names_only_this_servers_runs()
    {
        // Elsewhere carol's r1 trains and bob's r2 waits; then alice queues r3 here, behind bob's.
        foreach (var member in new[] { new CommandMember(3, "carol", 0), Bob })
        {
            await _router.HandleCommandAsync(new CommandRequest(member, 999, Channel, "finetune start", new CommandOptionSet([new CommandOptionValue("model", CommandOptionType.String, "tiny")])), CancellationToken.None);
        }

        await _runs.UpdateAsync("r1", r => r.Start(DateTimeOffset.UtcNow), CancellationToken.None);
        await StartAsync(Alice);

        var list = await CommandAsync(Alice, "finetune list");

        var fields = list.Embeds[0].Fields!.ToDictionary(f => f.Name, f => f.Value);
        Assert.Equal("1 run of another server", fields["Running"]);
        var queue = Assert.Single(fields["Queue"].Split('\n'));
        Assert.StartsWith("**r3**", queue, StringComparison.Ordinal);
        Assert.Contains("#2", queue, StringComparison.Ordinal);
        var everything = string.Join('\n', fields.Values);
        Assert.DoesNotContain("bob", everything, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("carol", everything, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Status_without_a_run_shows_the_members_latest_run_and_with_one_that_run_privately()
    {
        await StartAsync(Alice);
        await StartAsync(Alice);
        await StartAsync(Bob);

        var mine = await CommandAsync(Alice, "finetune status");
        Assert.True(mine.Ephemeral);
        Assert.Empty(mine.Components);
        Assert.Contains("run **r2**", mine.Content, StringComparison.Ordinal);
        Assert.Contains("position 3", mine.Content, StringComparison.Ordinal);

        var bobs = await CommandAsync(Alice, "finetune status", ("run", "r3"));
        Assert.True(bobs.Ephemeral);
        Assert.Contains("run **r3**", bobs.Content, StringComparison.Ordinal);

        var none = await CommandAsync(new CommandMember(9, "newcomer", 0), "finetune status");
        Assert.Contains("You have no fine-tune runs yet", none.Content, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_of_a_running_run_shows_its_progress_and_a_finished_one_its_outcome()
    {
        await StartAsync(Alice);
        await StartAsync(Alice);
        await _runs.UpdateAsync("r1", r => r.Start(DateTimeOffset.UtcNow).ReportProgress(new FineTuneProgress(30, 120, 2.5, 1e-3, 900, TimeSpan.FromMinutes(2), DateTimeOffset.UtcNow)), CancellationToken.None);
        await _runs.UpdateAsync("r2", r => r.Cancel(1, DateTimeOffset.UtcNow), CancellationToken.None);

        var running = await CommandAsync(Alice, "finetune status", ("run", "r1"));
        Assert.Contains("step 30/120", running.Content, StringComparison.Ordinal);
        Assert.Empty(running.Components);

        var cancelled = await CommandAsync(Alice, "finetune status", ("run", "r2"));
        Assert.Contains("was cancelled", cancelled.Content, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Runs_of_another_server_are_not_found_by_status_or_result()
    {
        await StartAsync(Alice);
        var elsewhere = await _router.HandleCommandAsync(
            new CommandRequest(Alice, 999, Channel, "finetune status", new CommandOptionSet([new CommandOptionValue("run", CommandOptionType.String, "r1")])), CancellationToken.None);
        Assert.Contains("There is no run `r1` in this server", elsewhere.Content, StringComparison.Ordinal);

        var result = await _router.HandleCommandAsync(
            new CommandRequest(Alice, 999, Channel, "finetune result", new CommandOptionSet([new CommandOptionValue("run", CommandOptionType.String, "r1")])), CancellationToken.None);
        Assert.Contains("There is no run `r1` in this server", result.Content, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Result_reposts_a_finished_runs_metrics_with_its_loss_plot_and_adapter_zip()
    {
        await StartAsync(Alice);
        var folder = Path.Combine(_options.RunsDirectory, "r1");
        System.IO.File.WriteAllBytes(Path.Combine(folder, "loss.png"), [0x89, 0x50, 0x4E, 0x47]);
        System.IO.File.WriteAllBytes(Path.Combine(folder, "adapter.zip"), [0x50, 0x4B, 3, 4]);
        var result = new FineTuneResult(3.5, 1.25, 33.1, 3.49, [new FineTuneSample("The paper", "zz", "club")],
            Path.Combine(folder, "loss.png"), Path.Combine(folder, "adapter"), Path.Combine(folder, "adapter.zip"), false, TimeSpan.FromMinutes(3));
        await _runs.UpdateAsync("r1", r => r.Start(DateTimeOffset.UtcNow).Succeed(result, DateTimeOffset.UtcNow), CancellationToken.None);

        var response = await CommandAsync(Bob, "finetune result", ("run", "r1"));

        Assert.False(response.Ephemeral);
        Assert.Contains("<@1> your fine-tune run **r1** finished", response.Content, StringComparison.Ordinal);
        Assert.Equal(["loss.png", "adapter.zip"], response.Files.Select(f => f.FileName));
        var fields = response.Embeds[0].Fields!;
        Assert.Equal("3.500 → 1.250", fields.Single(f => f.Name == "Validation loss").Value);
        Assert.Contains(fields, f => f.Name == "Prompt: The paper" && f.Value.Contains("club", StringComparison.Ordinal));
        Assert.Equal("ft:sample:r1", Assert.IsType<ButtonComponent>(response.Components[0].Components[0]).CustomId);
    }

    [Fact]
    public async Task Result_of_a_run_without_results_says_where_it_stands_privately()
    {
        await StartAsync(Alice);

        var response = await CommandAsync(Alice, "finetune result", ("run", "r1"));

        Assert.True(response.Ephemeral);
        Assert.Empty(response.Files);
        Assert.Contains("Run **r1** is queued", response.Content, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Two_quick_starts_by_one_member_cannot_both_pass_the_active_run_limit()
    {
        _options.MaxActiveRunsPerMember = 1;
        var content = Encoding.UTF8.GetBytes("attention is all you need\nlow rank adaptation\n");

        var responses = await Task.WhenAll(
            StartAsync(Alice, File("one.txt", content), ("seq_len", 8L)),
            StartAsync(Alice, File("two.txt", content), ("seq_len", 8L)));

        Assert.Single(responses, r => !r.Ephemeral);
        Assert.Contains(responses, r => r.Ephemeral && r.Content!.Contains("(limit 1)", StringComparison.Ordinal));
        Assert.Single(await _runs.ListRecentAsync(Guild, 10, CancellationToken.None));
    }

    [Fact]
    public async Task The_runs_per_day_limit_refuses_a_third_run_within_24_hours_and_accepts_it_after()
    {
        _options.MaxRunsPerMemberPerDay = 2;
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));
        _router = BuildRouter(clock);
        await StartAsync(Alice);
        await CommandAsync(Alice, "finetune cancel", ("run", "r1"));
        clock.Advance(TimeSpan.FromHours(1));
        await StartAsync(Alice);
        await _runs.UpdateAsync("r2", r => r.Start(clock.GetUtcNow()).Fail("The trainer stopped.", [], clock.GetUtcNow()), CancellationToken.None);
        clock.Advance(TimeSpan.FromHours(1));

        // Neither run is active any more, so only the daily limit stands in the way.
        var refused = await StartAsync(Alice);

        Assert.True(refused.Ephemeral);
        var freesAt = new DateTimeOffset(2026, 3, 3, 9, 0, 0, TimeSpan.Zero).ToUnixTimeSeconds();
        Assert.Contains(
            $"You have requested 2 runs in the last 24 hours (limit 2). You can request the next one <t:{freesAt}:R>.",
            refused.Content, StringComparison.Ordinal);
        Assert.Equal(2, (await _runs.ListRecentAsync(Guild, 10, CancellationToken.None)).Count);
        Assert.False(Directory.Exists(Path.Combine(_options.RunsDirectory, "r3")));
        var bobs = await StartAsync(Bob);
        Assert.False(bobs.Ephemeral, bobs.Content);

        // 24 hours after the first request, one of the two falls out of the window.
        clock.Advance(TimeSpan.FromHours(22));
        var accepted = await StartAsync(Alice);

        Assert.False(accepted.Ephemeral, accepted.Content);
        Assert.Contains("run **r4**", accepted.Content, StringComparison.Ordinal);
        Assert.Equal(FineTuneRunState.Queued, (await _runs.FindAsync("r4", CancellationToken.None))!.State);
    }

    [Fact]
    public async Task The_replys_interaction_token_edits_the_run_message_but_is_never_written_to_the_database_or_run_folder()
    {
        const string token = "aW50ZXJhY3Rpb246OTg3NjU0MzIx-secret-interaction-token";
        var sentAt = DateTimeOffset.UtcNow;
        var response = await StartAsync(Alice, ("prompt", "Attention"));
        await response.OnSent!(new CommandReply(Channel, 777, token, sentAt), CancellationToken.None);

        // Cancelling a waiting run edits its message at once: through the token, which is still valid.
        await CommandAsync(Alice, "finetune cancel", ("run", "r1"));
        var edit = Assert.Single(_notifier.For("r1", "edit"));
        Assert.Equal(new FineTuneMessageRef(Channel, 777, token, sentAt), edit.Target);
        Assert.Contains("was cancelled", edit.Message.Content, StringComparison.Ordinal);

        // Every byte the bot wrote: the LiteDB file (and its log, if any) after closing it, and the run folder.
        _database.Dispose();
        var written = Directory.EnumerateFiles(_root, "*", SearchOption.AllDirectories)
            .Where(f => !f.StartsWith(_options.ModelsDirectory, StringComparison.Ordinal))
            .ToList();
        Assert.Contains(_database.FilePath, written);
        Assert.True(new FileInfo(_database.FilePath).Length > 0);
        Assert.Contains(written, f => f.StartsWith(Path.Combine(_options.RunsDirectory, "r1"), StringComparison.Ordinal));
        foreach (var file in written)
        {
            var bytes = System.IO.File.ReadAllBytes(file);
            Assert.True(bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(token)) < 0, $"the interaction token is in {file}");
            Assert.True(bytes.AsSpan().IndexOf(Encoding.Unicode.GetBytes(token)) < 0, $"the interaction token is in {file} (UTF-16)");
        }

        // What is stored is enough to edit the message by id after a restart.
        _database = new StudyBotDatabase(_database.FilePath);
        _runs = new LiteDbFineTuneRunRepository(_database);
        Assert.Equal(new FineTuneMessageRef(Channel, 777, null, sentAt), (await _runs.FindAsync("r1", CancellationToken.None))!.Message);
    }

    [Fact]
    public async Task A_paper_too_short_for_the_sequence_length_is_refused_naming_seq_len_and_nothing_is_stored()
    {
        // The note is about 70 tokens, not one training sequence of seq_len 128 (+1): the trainer would exit with an
        // error, so the request is refused before it is queued.
        var response = await StartAsync(Alice, ("paper", "lora"));

        Assert.True(response.Ephemeral);
        Assert.Contains("The paper `lora` has", response.Content, StringComparison.Ordinal);
        Assert.Contains("smaller `seq_len` (this run: 128) or give a bigger data set", response.Content, StringComparison.Ordinal);
        Assert.Empty(await _runs.ListRecentAsync(Guild, 10, CancellationToken.None));
        Assert.False(Directory.Exists(Path.Combine(_options.RunsDirectory, "r1")));
        var staging = Path.Combine(_options.RunsDirectory, FineTuneRequestService.StagingFolderName);
        Assert.False(Directory.Exists(staging) && Directory.EnumerateFileSystemEntries(staging).Any());
    }

    [Fact]
    public async Task Data_that_gives_fewer_training_sequences_than_a_batch_trains_with_a_smaller_batch_and_the_reply_says_so()
    {
        // 36 bytes are 36 byte-tokens: 4 sequences of seq_len 8 (+1), one held out for validation, 3 to train on.
        var content = Encoding.UTF8.GetBytes("attention is all you need; low rank.");

        var response = await StartAsync(Alice, File("short.txt", content), ("seq_len", 8L));

        Assert.False(response.Ephemeral, response.Content);
        Assert.Contains(
            "`short.txt` gives 3 training sequences at `seq_len` 8, fewer than the usual batch of 4, so this run trains with batch size 3.",
            response.Content, StringComparison.Ordinal);
        var run = (await _runs.FindAsync("r1", CancellationToken.None))!;
        Assert.Equal(FineTuneRunState.Queued, run.State);
        Assert.Equal(3, run.Settings.BatchSize);
        var model = new DirectoryModelCatalog(_options.ModelsDirectory).Find("tiny")!;
        var trainer = TrainerSettingsWriter.ToTrainerSettings(run, model, FineTuneRunFolder.For(_options.RunsDirectory, run.Id), _options);
        Assert.Equal(3, trainer.BatchSize);
        Assert.Empty(trainer.Validate());
    }

    [Fact]
    public async Task The_active_run_limit_counts_a_members_runs_in_every_server()
    {
        _options.MaxActiveRunsPerMember = 1;

        var here = await StartAsync(Alice);
        var elsewhere = await CommandInGuildAsync(11, Alice, "finetune start", ("model", "tiny"));

        Assert.False(here.Ephemeral, here.Content);
        Assert.True(elsewhere.Ephemeral);
        Assert.Contains("(limit 1)", elsewhere.Content, StringComparison.Ordinal);
        Assert.Empty(await _runs.ListRecentAsync(11, 10, CancellationToken.None));
    }

    [Fact]
    public async Task The_runs_per_day_limit_counts_a_members_runs_in_every_server()
    {
        _options.MaxRunsPerMemberPerDay = 1;
        await StartAsync(Alice);
        await CommandAsync(Alice, "finetune cancel", ("run", "r1"));

        var elsewhere = await CommandInGuildAsync(11, Alice, "finetune start", ("model", "tiny"));

        Assert.True(elsewhere.Ephemeral);
        Assert.Contains("(limit 1)", elsewhere.Content, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_request_the_trainer_checks_refuse_is_not_stored_and_does_not_count_toward_the_daily_limit()
    {
        _options.MaxRunsPerMemberPerDay = 1;

        var refused = await StartAsync(Alice, ("paper", "lora"));
        var accepted = await StartAsync(Alice);

        Assert.True(refused.Ephemeral);
        Assert.False(accepted.Ephemeral, accepted.Content);
        Assert.Equal("r1", Assert.Single(await _runs.ListForUserAsync(Alice.UserId, DateTimeOffset.MinValue, CancellationToken.None)).Id);
    }

    private Task<CommandResponse> CommandInGuildAsync(ulong guild, CommandMember member, string path, params (string Name, object Value)[] options)
    {
        var values = options.Select(o => new CommandOptionValue(o.Name, o.Value is long ? CommandOptionType.Integer : CommandOptionType.String, o.Value));
        return _router.HandleCommandAsync(new CommandRequest(member, guild, Channel, path, new CommandOptionSet(values)), CancellationToken.None);
    }

    private CommandRouter BuildRouter(TimeProvider time)
    {
        var options = Options.Create(_options);
        var models = new DirectoryModelCatalog(_options.ModelsDirectory);
        var editor = new FineTuneRunMessageEditor(_runs, _notifier, time, NullLogger<FineTuneRunMessageEditor>.Instance);
        var service = new FineTuneRequestService(_runs, models, new TestPaperCatalog(), new HttpDatasetFetcher(_http), new FineTuneQueueSignal(), editor, options, time);
        return new CommandRouter(
            [new FineTuneCommandHandler(service, _runs, models, new TestPaperCatalog())],
            [new FineTuneComponentHandler(service, models, new UnusedSampler())],
            NullLogger<CommandRouter>.Instance);
    }

    private (string, object) File(string name, byte[] content, long? claimedSize = null) => ("dataset_file", _cdn.Add(name, content, claimedSize));

    private Task<CommandResponse> StartAsync(CommandMember member, params (string Name, object Value)[] options) =>
        CommandAsync(member, "finetune start", [("model", "tiny"), .. options]);

    private Task<CommandResponse> CommandAsync(CommandMember member, string path, params (string Name, object Value)[] options)
    {
        var values = options.Select(o => new CommandOptionValue(o.Name, o.Value switch
        {
            string => CommandOptionType.String,
            long => CommandOptionType.Integer,
            double => CommandOptionType.Number,
            CommandAttachment => CommandOptionType.Attachment,
            _ => throw new ArgumentException(o.Name),
        }, o.Value));
        return _router.HandleCommandAsync(new CommandRequest(member, Guild, Channel, path, new CommandOptionSet(values)), CancellationToken.None);
    }

    private sealed class UnusedSampler : IAdapterSampler
    {
        public Task<AdapterSample> SampleAsync(AdapterSampleRequest request, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("not used in these tests");
    }
}
