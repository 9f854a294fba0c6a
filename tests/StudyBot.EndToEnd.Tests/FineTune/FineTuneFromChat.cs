using System.Globalization;
using System.IO.Compression;
using System.Text;
using StudyBot.EndToEnd.Tests.Bot;
using StudyBot.FakeDiscord;
using StudyBot.FakeDiscord.Model;
using StudyBot.Playground;

namespace StudyBot.EndToEnd.Tests.FineTune;

/// <summary>
/// The real bot, connected to the fake Discord, trains real LoRA adapters on a tiny GPT-2 on CPU in child processes
/// (`studybot train --run-dir`) and posts what a member would see.
/// </summary>
[Collection(BotCollection.Name)]
public sealed class FineTuneFromChat
{
    private static readonly TimeSpan RunPatience = TimeSpan.FromMinutes(4);
    private static readonly ulong Ada = PlaygroundSeed.AdaId;
    private static readonly ulong Grace = PlaygroundSeed.GraceId;

    [Fact]
    public async Task A_run_with_an_attached_dataset_is_queued_trained_and_its_results_posted_in_a_thread()
    {
        await using var host = await BotTestHost.StartAsync();
        var dataset = host.Fake.UploadUserAttachment("lora-notes.txt", File.ReadAllBytes(Path.Combine(RepositoryRoot.PapersDirectory, "lora.md")), "text/plain");

        var answer = await host.AskAsync(Ada, "finetune start", new Dictionary<string, object?>
        {
            ["model"] = "tiny-gpt2",
            ["dataset_file"] = dataset,
            ["steps"] = 40L,
            ["lr"] = 0.003,
        });

        Assert.False(answer.IsEphemeral, answer.AllText);
        Assert.Contains("r1", answer.AllText, StringComparison.Ordinal);
        var result = await host.Fake.WaitForMessageAsync(m => m.Attachments.Any(a => a.Filename == "adapter.zip"), RunPatience);

        Assert.Contains($"<@{Ada}>", result.Content, StringComparison.Ordinal);
        var thread = Assert.Single(host.Fake.GetThreads(PlaygroundSeed.PaperClubChannelId));
        Assert.Equal(thread.Id, result.ChannelId);
        var lossCurve = Assert.Single(result.Attachments, a => a.Filename == "loss.png");
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, lossCurve.Content.ToArray()[..4]);
        using (var zip = new ZipArchive(new MemoryStream(result.Attachments.Single(a => a.Filename == "adapter.zip").Content.ToArray())))
        {
            Assert.Contains(zip.Entries, e => e.Name == "adapter_model.safetensors");
            Assert.Contains(zip.Entries, e => e.Name == "adapter_config.json");
        }

        var (before, after) = ValidationLoss(result);
        Assert.True(after < before, $"validation loss should fall: {before} -> {after}");
    }

    [Fact]
    public async Task A_second_members_run_waits_its_turn_and_a_member_cannot_cancel_someone_elses_run()
    {
        await using var host = await BotTestHost.StartAsync();
        var first = await host.AskAsync(Ada, "finetune start", new Dictionary<string, object?> { ["model"] = "tiny-gpt2", ["steps"] = 1500L });
        var second = await host.AskAsync(Grace, "finetune start", new Dictionary<string, object?> { ["model"] = "tiny-gpt2", ["steps"] = 5L });

        Assert.Contains("r1", first.AllText, StringComparison.Ordinal);
        // r1 holds the only training slot, so r2 waits at the head of the queue.
        Assert.Contains("queued — next to start", second.AllText, StringComparison.Ordinal);
        var list = await host.AskAsync(Grace, "finetune list");
        Assert.Matches("r2[^\n]*queued #1", list.AllText);

        var refused = await host.AskAsync(Ada, "finetune cancel", new Dictionary<string, object?> { ["run"] = "r2" });
        Assert.True(refused.IsEphemeral, refused.AllText);
        Assert.Contains("r2", refused.AllText, StringComparison.Ordinal);

        var cancelled = await host.AskAsync(Ada, "finetune cancel", new Dictionary<string, object?> { ["run"] = "r1" });
        Assert.DoesNotContain("⚠️", cancelled.Content, StringComparison.Ordinal);

        // With r1 cancelled, r2 runs to the end.
        var result = await host.Fake.WaitForMessageAsync(m => m.Attachments.Any(a => a.Filename == "adapter.zip"), RunPatience);
        Assert.Contains($"<@{Grace}>", result.Content, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bad_dataset_or_an_out_of_range_setting_is_refused_before_anything_is_queued()
    {
        await using var host = await BotTestHost.StartAsync();
        var notUtf8 = host.Fake.UploadUserAttachment("data.txt", [0x66, 0x6f, 0xff, 0xfe, 0x6f], "text/plain");
        var badJsonl = host.Fake.UploadUserAttachment("data.jsonl", Encoding.UTF8.GetBytes("{\"text\":\"ok\"}\n{\"text\": \"fine\"}\n{not json\n"), "application/jsonl");

        var binary = await host.AskAsync(Ada, "finetune start", new Dictionary<string, object?> { ["model"] = "tiny-gpt2", ["dataset_file"] = notUtf8 });
        var jsonl = await host.AskAsync(Ada, "finetune start", new Dictionary<string, object?> { ["model"] = "tiny-gpt2", ["dataset_file"] = badJsonl });
        var tooLong = await host.AskAsync(Ada, "finetune start", new Dictionary<string, object?> { ["model"] = "tiny-gpt2", ["steps"] = 1_000_000L });
        // Within the server's limit, but longer than the tiny model's 128 positions: refused before the queue.
        var tooWide = await host.AskAsync(Ada, "finetune start", new Dictionary<string, object?> { ["model"] = "tiny-gpt2", ["seq_len"] = 512L });

        Assert.True(binary.IsEphemeral && jsonl.IsEphemeral && tooLong.IsEphemeral && tooWide.IsEphemeral);
        Assert.Contains("UTF-8", binary.Content, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("line 3", jsonl.Content, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("steps", tooLong.Content, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("n_positions 128", tooWide.Content, StringComparison.Ordinal);
        var list = await host.AskAsync(Ada, "finetune list");
        Assert.DoesNotContain("r1", list.AllText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_reply_to_start_is_the_runs_one_message_from_its_queue_position_to_its_finished_state()
    {
        await using var host = await BotTestHost.StartAsync(overrides: ["--FineTune:ProgressEditInterval=00:00:01"]);
        var first = await host.CommandAsync(Ada, "finetune start", new Dictionary<string, object?> { ["model"] = "tiny-gpt2", ["steps"] = 1500L });
        // r1's own reply turns into its training message: no second message is posted for it.
        var r1Message = await ShowsAsync(host, first, "is training", RunPatience);

        var second = await host.CommandAsync(Grace, "finetune start", new Dictionary<string, object?> { ["model"] = "tiny-gpt2", ["steps"] = 12L });
        Assert.Contains("queued — next to start", (await BotTestHost.AnswerOfAsync(second)).Content, StringComparison.Ordinal);
        var third = await host.CommandAsync(Ada, "finetune start", new Dictionary<string, object?> { ["model"] = "tiny-gpt2", ["steps"] = 12L });
        Assert.Contains("queued — position 2", (await BotTestHost.AnswerOfAsync(third)).Content, StringComparison.Ordinal);
        var status = await host.AskAsync(Ada, "finetune status", new Dictionary<string, object?> { ["run"] = "r3" });
        Assert.True(status.IsEphemeral, status.AllText);
        Assert.Contains("queued — position 2", status.Content, StringComparison.Ordinal);

        // The run ahead ends: r2 starts and r3 moves up, both in their own replies.
        await host.AskAsync(Ada, "finetune cancel", new Dictionary<string, object?> { ["run"] = "r1" });
        await ShowsAsync(host, first, "was cancelled", RunPatience);
        await ShowsAsync(host, third, "queued — next to start", RunPatience);
        var r2Finished = await ShowsAsync(host, second, "✅ Run **r2** finished", RunPatience);
        var r3Finished = await ShowsAsync(host, third, "✅ Run **r3** finished", RunPatience);

        var shown = r3Finished.History.Select(v => v.Content).ToList();
        var steps = new[] { "queued — position 2", "queued — next to start", "is training", "step ", "✅ Run **r3** finished" }
            .Select(text => shown.FindIndex(c => c.Contains(text, StringComparison.Ordinal)))
            .ToList();
        Assert.True(steps.All(i => i >= 0) && steps.SequenceEqual(steps.Order()), "r3's message went: " + string.Join(" | ", shown));
        Assert.Contains("Sample again", r3Finished.Components.ToJsonString(), StringComparison.Ordinal);
        Assert.Contains(r2Finished.History, v => v.Content.Contains("is training", StringComparison.Ordinal));

        // Each run has exactly one run message (the settings card) in the channel: its reply.
        var channel = host.Fake.GetMessages(PlaygroundSeed.PaperClubChannelId);
        foreach (var (run, reply) in new[] { ("r1", r1Message.Id), ("r2", r2Finished.Id), ("r3", r3Finished.Id) })
        {
            var cards = channel.Where(m => m.Embeds.ToJsonString().Contains($"\"title\":\"Run {run}\"", StringComparison.Ordinal)).Select(m => m.Id);
            Assert.Equal([reply], cards);
        }

        var mine = await host.AskAsync(Ada, "finetune status", new Dictionary<string, object?> { ["run"] = "r3" });
        Assert.Contains("finished", mine.Content, StringComparison.Ordinal);
    }

    [Fact]
    public async Task In_approval_mode_a_run_waits_for_an_admin_and_its_reply_follows_it_once_approved()
    {
        await using var host = await BotTestHost.StartAsync(overrides: ["--FineTune:RequireApproval=true", "--FineTune:ProgressEditInterval=00:00:01"]);
        var start = await host.CommandAsync(Ada, "finetune start", new Dictionary<string, object?> { ["model"] = "tiny-gpt2", ["steps"] = 12L });
        var waiting = await BotTestHost.AnswerOfAsync(start);
        Assert.False(waiting.IsEphemeral, waiting.AllText);
        Assert.Contains("waiting for an admin to approve it (`/finetune approve r1`)", waiting.Content, StringComparison.Ordinal);

        // A member cannot approve; the run waits in its own list section, not in the queue.
        var refused = await host.AskAsync(Ada, "finetune approve", new Dictionary<string, object?> { ["run"] = "r1" });
        Assert.True(refused.IsEphemeral, refused.AllText);
        Assert.Contains("Only admins", refused.Content, StringComparison.Ordinal);
        Assert.Matches("Waiting for approval\"[^}]*r1", (await host.AskAsync(Grace, "finetune list")).AllText);
        Assert.Contains("waiting for an admin", (await host.AskAsync(Ada, "finetune status", new Dictionary<string, object?> { ["run"] = "r1" })).Content, StringComparison.Ordinal);

        var approved = await host.AskAsync(Grace, "finetune approve", new Dictionary<string, object?> { ["run"] = "r1" });
        Assert.Contains("Approved run **r1**", approved.Content, StringComparison.Ordinal);

        // The member's own reply is the run's message: it leaves the approval wait, trains and finishes.
        var finished = await ShowsAsync(host, start, "✅ Run **r1** finished", RunPatience);
        Assert.Equal(waiting.Message.Id, finished.Id);
        var shown = finished.History.Select(v => v.Content).ToList();
        var approval = shown.FindIndex(c => c.Contains("waiting for an admin", StringComparison.Ordinal));
        var training = shown.FindIndex(c => c.Contains("is training", StringComparison.Ordinal));
        Assert.True(approval >= 0 && training > approval, "r1's message went: " + string.Join(" | ", shown));
        var again = await host.AskAsync(Grace, "finetune approve", new Dictionary<string, object?> { ["run"] = "r1" });
        Assert.Contains("not waiting for approval", again.Content, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_cancel_button_on_the_runs_message_stops_a_running_run_and_the_message_says_so()
    {
        await using var host = await BotTestHost.StartAsync(overrides: ["--FineTune:ProgressEditInterval=00:00:01"]);
        var start = await host.CommandAsync(Ada, "finetune start", new Dictionary<string, object?> { ["model"] = "tiny-gpt2", ["steps"] = 1500L });
        var training = await ShowsAsync(host, start, "step ", RunPatience);

        var click = await host.Fake.ClickButtonAsync(training.Id, "ft:cancel:r1", Ada);
        await click.WaitForCallbackAsync(BotTestHost.Patience);
        var cancelled = await ShowsAsync(host, start, "🛑 Run **r1** was cancelled", RunPatience);

        Assert.Equal(training.Id, cancelled.Id);
        Assert.DoesNotContain("ft:cancel", cancelled.Components.ToJsonString(), StringComparison.Ordinal);
        var status = await host.AskAsync(Ada, "finetune status");
        Assert.True(status.IsEphemeral, status.AllText);
        Assert.Contains("was cancelled", status.Content, StringComparison.Ordinal);
        var notice = await host.Fake.WaitForMessageAsync(m => m.Content.Contains("your fine-tune run **r1** was cancelled", StringComparison.Ordinal), RunPatience);
        Assert.Contains($"<@{Ada}>", notice.Content, StringComparison.Ordinal);

        // Someone else's Cancel button is refused (Grace is an admin, Ada is not).
        var other = await host.CommandAsync(Grace, "finetune start", new Dictionary<string, object?> { ["model"] = "tiny-gpt2", ["steps"] = 1500L });
        var graces = await ShowsAsync(host, other, "is training", RunPatience);
        await host.Fake.ClickButtonAsync(graces.Id, "ft:cancel:r2", Ada);
        var refused = await host.Fake.WaitForMessageAsync(m => m.IsEphemeral && m.Content.Contains("belongs to", StringComparison.Ordinal), BotTestHost.Patience);
        Assert.Contains("r2", refused.Content, StringComparison.Ordinal);
        Assert.Contains("is training", (await host.AskAsync(Grace, "finetune status")).Content, StringComparison.Ordinal);
    }

    [Fact]
    public async Task When_the_interaction_token_stops_working_the_run_message_is_still_edited_as_a_channel_message()
    {
        var discordClock = new AdjustableClock();
        await using var host = await BotTestHost.StartAsync(new FakeDiscordOptions { TimeProvider = discordClock }, ["--FineTune:ProgressEditInterval=00:00:01"]);
        var start = await host.CommandAsync(Ada, "finetune start", new Dictionary<string, object?> { ["model"] = "tiny-gpt2", ["steps"] = 1500L });
        var training = await ShowsAsync(host, start, "step ", RunPatience);

        // Discord's side of the clock passes the token's 15 minutes: edits through the token are refused from now on.
        discordClock.Advance(TimeSpan.FromMinutes(16));
        var editsBefore = host.Fake.GetMessage(training.Id)!.History.Count;
        var later = await host.Fake.WaitForMessageAsync(m => m.Id == training.Id && m.History.Count > editsBefore + 1, RunPatience);
        Assert.Contains("step ", later.Content, StringComparison.Ordinal);

        await host.AskAsync(Ada, "finetune cancel", new Dictionary<string, object?> { ["run"] = "r1" });
        var cancelled = await host.Fake.WaitForMessageAsync(m => m.Id == training.Id && m.Content.Contains("🛑 Run **r1** was cancelled", StringComparison.Ordinal), RunPatience);
        Assert.Empty(cancelled.Components);
    }

    [Fact]
    public async Task Results_too_large_for_the_channel_are_posted_without_files_with_their_paths_on_the_host()
    {
        await using var host = await BotTestHost.StartAsync(new FakeDiscordOptions { MaxFileSizeBytes = 2048 });
        var start = await host.CommandAsync(Ada, "finetune start", new Dictionary<string, object?> { ["model"] = "tiny-gpt2", ["steps"] = 20L });

        var result = await host.Fake.WaitForMessageAsync(m => m.Content.Contains("your fine-tune run **r1** finished", StringComparison.Ordinal), RunPatience);

        Assert.Contains($"<@{Ada}>", result.Content, StringComparison.Ordinal);
        Assert.Contains("could not be uploaded", result.Content, StringComparison.Ordinal);
        Assert.Contains("adapter.zip`", result.Content, StringComparison.Ordinal);
        Assert.Empty(result.Attachments);
        Assert.Contains("Validation loss", result.Embeds.ToJsonString(), StringComparison.Ordinal);
        await ShowsAsync(host, start, "✅ Run **r1** finished", RunPatience);
    }

    [Fact]
    public async Task A_trainer_that_crashes_fails_its_run_with_the_error_and_the_next_run_still_trains()
    {
        // The bot's own trainer, except that run r1's "process" dies at once with an out-of-memory message.
        var real = StudyBot.FineTune.TrainerProcessLauncher.ForOwnExecutable(Environment.ProcessPath, AppContext.BaseDirectory, ["train", "--run-dir", "{runDir}", "--exit-with-parent"]);
        string[] script =
        [
            "-c", "case \"$1\" in */r1) echo 'CUDA out of memory (injected by the test)' >&2; exit 3;; esac; shift; exec \"$@\"",
            "sh", "{runDir}", real.FileName, .. real.Arguments,
        ];
        await using var host = await BotTestHost.StartAsync(overrides:
        [
            "--FineTune:TrainerCommand=/bin/sh",
            .. script.Select((argument, i) => $"--FineTune:TrainerArguments:{i}={argument}"),
        ]);

        var first = await host.CommandAsync(Ada, "finetune start", new Dictionary<string, object?> { ["model"] = "tiny-gpt2", ["steps"] = 12L });
        Assert.Contains("run **r1**", (await BotTestHost.AnswerOfAsync(first)).Content, StringComparison.Ordinal);
        var second = await host.CommandAsync(Grace, "finetune start", new Dictionary<string, object?> { ["model"] = "tiny-gpt2", ["steps"] = 12L });

        var failed = await ShowsAsync(host, first, "❌ Run **r1** failed", RunPatience);
        Assert.Contains("exited with code 3", failed.Content, StringComparison.Ordinal);
        // The member is told, with the last lines of the trainer's error output.
        var notice = await host.Fake.WaitForMessageAsync(m => m.Content.Contains("your fine-tune run **r1** failed", StringComparison.Ordinal), RunPatience);
        Assert.Contains($"<@{Ada}>", notice.Content, StringComparison.Ordinal);
        Assert.Contains("CUDA out of memory (injected by the test)", notice.Content, StringComparison.Ordinal);
        await ShowsAsync(host, second, "✅ Run **r2** finished", RunPatience);
        Assert.Contains("failed", (await host.AskAsync(Ada, "finetune status", new Dictionary<string, object?> { ["run"] = "r1" })).Content, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bot_restarted_during_a_run_resumes_it_from_its_checkpoint_and_tells_the_member()
    {
        await using var host = await BotTestHost.StartAsync(overrides: ["--FineTune:ProgressEditInterval=00:00:01"]);
        var start = await host.CommandAsync(Ada, "finetune start", new Dictionary<string, object?> { ["model"] = "tiny-gpt2", ["steps"] = 200L });
        await ShowsAsync(host, start, "is training", RunPatience);
        var checkpoints = Path.Combine(host.DataDirectory, "runs", "r1");
        await WaitUntilAsync(() => Directory.EnumerateDirectories(checkpoints, "step-*", SearchOption.AllDirectories).Any(), RunPatience);

        // The same database, runs and models as the playground bot uses, in a new process.
        await host.RestartAsync(null,
        [
            $"--Storage:DatabasePath={Path.Combine(host.DataDirectory, "playground.db")}",
            $"--FineTune:ModelsDirectory={Path.Combine(host.DataDirectory, "models")}",
            $"--FineTune:RunsDirectory={Path.Combine(host.DataDirectory, "runs")}",
            "--FineTune:ProgressEditInterval=00:00:01",
        ]);

        var notice = await host.Fake.WaitForMessageAsync(m => m.Content.Contains("the bot restarted while run **r1** was training; it will continue from its last checkpoint", StringComparison.Ordinal), RunPatience);
        Assert.Contains($"<@{Ada}>", notice.Content, StringComparison.Ordinal);
        var finished = await ShowsAsync(host, start, "✅ Run **r1** finished", RunPatience);
        Assert.Contains(finished.History, v => v.Content.Contains("is training (resumed 1×)", StringComparison.Ordinal));
        var result = await host.Fake.WaitForMessageAsync(m => m.Attachments.Any(a => a.Filename == "adapter.zip"), RunPatience);
        Assert.Contains($"<@{Ada}>", result.Content, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_member_at_the_active_run_limit_is_refused_and_nothing_is_queued()
    {
        await using var host = await BotTestHost.StartAsync(overrides: ["--FineTune:MaxActiveRunsPerMember=2"]);
        await host.AskAsync(Ada, "finetune start", new Dictionary<string, object?> { ["model"] = "tiny-gpt2", ["steps"] = 1500L });
        await host.AskAsync(Ada, "finetune start", new Dictionary<string, object?> { ["model"] = "tiny-gpt2", ["steps"] = 1500L });

        var third = await host.AskAsync(Ada, "finetune start", new Dictionary<string, object?> { ["model"] = "tiny-gpt2", ["steps"] = 5L });
        var others = await host.AskAsync(Grace, "finetune start", new Dictionary<string, object?> { ["model"] = "tiny-gpt2", ["steps"] = 5L });

        Assert.True(third.IsEphemeral, third.AllText);
        Assert.Contains("2", third.Content, StringComparison.Ordinal);
        Assert.Contains("r3", others.AllText, StringComparison.Ordinal);
        var list = await host.AskAsync(Ada, "finetune list");
        Assert.Contains("r2", list.AllText, StringComparison.Ordinal);
        Assert.DoesNotContain("r4", list.AllText, StringComparison.Ordinal);
        await host.AskAsync(Ada, "finetune cancel", new Dictionary<string, object?> { ["run"] = "r1" });
        await host.AskAsync(Ada, "finetune cancel", new Dictionary<string, object?> { ["run"] = "r2" });
        await host.AskAsync(Grace, "finetune cancel", new Dictionary<string, object?> { ["run"] = "r3" });
    }

    private static async Task WaitUntilAsync(Func<bool> condition, TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        while (!condition())
        {
            await Task.Delay(100, cancel.Token);
        }
    }

    /// <summary>Waits until the interaction's reply shows <paramref name="text"/>; on timeout says what it and the channel showed.</summary>
    private static async Task<FakeMessage> ShowsAsync(BotTestHost host, FakeInteractionHandle handle, string text, TimeSpan timeout)
    {
        try
        {
            return await handle.WaitForOriginalResponseAsync(m => m.Content.Contains(text, StringComparison.Ordinal), timeout);
        }
        catch (TimeoutException)
        {
            var history = handle.OriginalResponse?.History.Select(v => v.Content) ?? ["(no response; callback: " + (handle.Callback.IsCompleted ? handle.Callback.Result.Type.ToString(CultureInfo.InvariantCulture) : "none") + ")"];
            var channel = host.Fake.GetMessages(PlaygroundSeed.PaperClubChannelId).Select(m => m.Content);
            throw new TimeoutException($"The reply never showed '{text}'. It went: {string.Join(" | ", history)}\nThe channel: {string.Join(" | ", channel)}");
        }
    }

    private static (double Before, double After) ValidationLoss(FakeMessage result)
    {
        var field = result.Embeds.SelectMany(e => e?["fields"]?.AsArray() ?? [])
            .First(f => f?["name"]?.GetValue<string>() == "Validation loss");
        var parts = field!["value"]!.GetValue<string>().Split('→', StringSplitOptions.TrimEntries);
        return (double.Parse(parts[0], CultureInfo.InvariantCulture), double.Parse(parts[1], CultureInfo.InvariantCulture));
    }

    /// <summary>The system clock plus an offset that a test can move forward.</summary>
    private sealed class AdjustableClock : TimeProvider
    {
        private long _offsetTicks;

        public void Advance(TimeSpan by) => Interlocked.Add(ref _offsetTicks, by.Ticks);

        public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));
    }
}
