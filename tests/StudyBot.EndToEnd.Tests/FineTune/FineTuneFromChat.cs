using System.Globalization;
using System.IO.Compression;
using System.Text;
using StudyBot.EndToEnd.Tests.Bot;
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

        Assert.True(binary.IsEphemeral && jsonl.IsEphemeral && tooLong.IsEphemeral);
        Assert.Contains("UTF-8", binary.Content, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("line 3", jsonl.Content, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("steps", tooLong.Content, StringComparison.OrdinalIgnoreCase);
        var list = await host.AskAsync(Ada, "finetune list");
        Assert.DoesNotContain("r1", list.AllText, StringComparison.Ordinal);
    }

    private static (double Before, double After) ValidationLoss(FakeMessage result)
    {
        var field = result.Embeds.SelectMany(e => e?["fields"]?.AsArray() ?? [])
            .First(f => f?["name"]?.GetValue<string>() == "Validation loss");
        var parts = field!["value"]!.GetValue<string>().Split('→', StringSplitOptions.TrimEntries);
        return (double.Parse(parts[0], CultureInfo.InvariantCulture), double.Parse(parts[1], CultureInfo.InvariantCulture));
    }
}
