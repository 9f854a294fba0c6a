using System.Globalization;
using System.Text.RegularExpressions;
using StudyBot.Playground;

namespace StudyBot.EndToEnd.Tests.Bot;

/// <summary>/queue over the real gateway and REST. Each test queues its own papers, so they share one bot.</summary>
[Collection(BotCollection.Name)]
public sealed class QueueCommandTests(BotFixture fixture) : IClassFixture<BotFixture>
{
    private const ulong Ada = PlaygroundSeed.AdaId;
    private const ulong Grace = PlaygroundSeed.GraceId;

    private BotTestHost Host => fixture.Host;

    [Fact]
    public async Task Add_queues_a_library_paper_and_list_shows_it_with_its_proposer()
    {
        var added = await Host.AskAsync(Ada, "queue add", Paper("lora"));

        Assert.False(added.IsEphemeral);
        Assert.Contains("Added **LoRA: Low-Rank Adaptation of Large Language Models** to the reading queue", added.Content);

        var list = await Host.AskAsync(Ada, "queue list");
        Assert.False(list.IsEphemeral);
        Assert.Equal("Reading queue", list.EmbedTitle);
        Assert.Contains("**LoRA: Low-Rank Adaptation of Large Language Models**", list.EmbedDescription);
        Assert.Contains($"<@{Ada}>", list.EmbedDescription);
    }

    [Fact]
    public async Task Adding_the_same_paper_twice_is_refused_ephemerally()
    {
        await Host.AskAsync(Ada, "queue add", Paper("adam"));

        var again = await Host.AskAsync(Grace, "queue add", Paper("adam"));

        Assert.True(again.IsEphemeral);
        Assert.StartsWith("⚠️", again.Content);
    }

    [Fact]
    public async Task Vote_and_unvote_change_the_count_and_a_second_vote_is_refused()
    {
        await Host.AskAsync(Ada, "queue add", Paper("vit"));

        var vote = await Host.AskAsync(Grace, "queue vote", Paper("vit"));
        Assert.True(vote.IsEphemeral);
        Assert.Contains("now 1 vote", vote.Content);

        var twice = await Host.AskAsync(Grace, "queue vote", Paper("vit"));
        Assert.True(twice.IsEphemeral);
        Assert.StartsWith("⚠️", twice.Content);

        var unvote = await Host.AskAsync(Grace, "queue unvote", Paper("vit"));
        Assert.True(unvote.IsEphemeral);
        Assert.Contains("Took back your vote", unvote.Content);
        Assert.Contains("now 0 votes", unvote.Content);
    }

    [Fact]
    public async Task Move_is_refused_for_a_member_and_pins_the_paper_for_an_admin()
    {
        await Host.AskAsync(Ada, "queue add", Paper("bert"));
        await Host.AskAsync(Ada, "queue add", Paper("resnet"));

        var refused = await Host.AskAsync(Ada, "queue move", new Dictionary<string, object?> { ["paper"] = "resnet", ["position"] = 1 });
        Assert.True(refused.IsEphemeral);
        Assert.StartsWith("⚠️", refused.Content);

        var moved = await Host.AskAsync(Grace, "queue move", new Dictionary<string, object?> { ["paper"] = "resnet", ["position"] = 1 });
        Assert.False(moved.IsEphemeral);
        Assert.Contains("Moved **Deep Residual Learning for Image Recognition** to position 1", moved.Content);

        var list = await Host.AskAsync(Ada, "queue list");
        var first = list.EmbedDescription.Split('\n')[0];
        Assert.Contains("📌", first);
        Assert.Contains("Deep Residual Learning", first);
    }

    [Fact]
    public async Task Remove_works_for_the_proposer_and_is_refused_for_another_member()
    {
        await Host.AskAsync(Grace, "queue add", Paper("detr"));
        await Host.AskAsync(Ada, "queue add", Paper("gpt-3"));

        var refused = await Host.AskAsync(Ada, "queue remove", Paper("detr"));
        Assert.True(refused.IsEphemeral);
        Assert.StartsWith("⚠️", refused.Content);

        var removed = await Host.AskAsync(Ada, "queue remove", Paper("gpt-3"));
        Assert.False(removed.IsEphemeral);
        Assert.Contains("Removed **Language Models are Few-Shot Learners**", removed.Content);

        var list = await Host.AskAsync(Ada, "queue list");
        Assert.DoesNotContain("Few-Shot Learners", list.AllText);
        Assert.Contains("End-to-End Object Detection with Transformers", list.AllText);
    }

    [Fact]
    public async Task Pin_is_refused_for_a_member_and_puts_the_paper_among_the_pinned_ones_for_an_admin()
    {
        const string Title = "QLoRA: Efficient Finetuning of Quantized LLMs";
        await Host.AskAsync(Ada, "queue add", Paper("qlora"));

        var refused = await Host.AskAsync(Ada, "queue pin", Paper("qlora"));
        Assert.True(refused.IsEphemeral);
        Assert.StartsWith("⚠️", refused.Content);
        Assert.Contains("Only server admins (Manage Server) can pin papers", refused.Content);
        Assert.DoesNotContain("📌", LineOf(await QueueLinesAsync(), Title));

        var pinned = await Host.AskAsync(Grace, "queue pin", Paper("qlora"));
        Assert.False(pinned.IsEphemeral);
        var match = Regex.Match(pinned.Content, $@"^Pinned \*\*{Regex.Escape(Title)}\*\* at position (\d+)\.$");
        Assert.True(match.Success, pinned.Content);
        var position = int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);

        var lines = await QueueLinesAsync();
        Assert.StartsWith($"{position}. 📌 **{Title}**", lines[position - 1]);
        Assert.All(lines.Take(position), line => Assert.Contains("📌", line));
    }

    [Fact]
    public async Task Unpin_is_refused_for_a_member_and_returns_the_paper_to_vote_order_for_an_admin()
    {
        const string Title = "Switch Transformers: Scaling to Trillion Parameter Models with Simple and Efficient Sparsity";
        await Host.AskAsync(Ada, "queue add", Paper("switch-transformer"));
        await Host.AskAsync(Ada, "queue add", Paper("layer-norm"));
        await Host.AskAsync(Grace, "queue vote", Paper("layer-norm"));
        await Host.AskAsync(Grace, "queue pin", Paper("switch-transformer"));
        Assert.Contains("📌", LineOf(await QueueLinesAsync(), Title));

        var refused = await Host.AskAsync(Ada, "queue unpin", Paper("switch-transformer"));
        Assert.True(refused.IsEphemeral);
        Assert.StartsWith("⚠️", refused.Content);
        Assert.Contains("Only server admins (Manage Server) can unpin papers", refused.Content);
        Assert.Contains("📌", LineOf(await QueueLinesAsync(), Title));

        var unpinned = await Host.AskAsync(Grace, "queue unpin", Paper("switch-transformer"));
        Assert.False(unpinned.IsEphemeral);
        Assert.Equal($"Unpinned **{Title}**; it is ordered by votes again.", unpinned.Content);

        var lines = await QueueLinesAsync();
        Assert.DoesNotContain("📌", LineOf(lines, Title));
        // Back in vote order: behind the paper with a vote.
        Assert.True(IndexOf(lines, "Layer Normalization") < IndexOf(lines, Title), string.Join('\n', lines));

        var again = await Host.AskAsync(Grace, "queue unpin", Paper("switch-transformer"));
        Assert.True(again.IsEphemeral);
        Assert.StartsWith("⚠️", again.Content);
        Assert.Contains("is not pinned", again.Content);
    }

    private async Task<string[]> QueueLinesAsync() => (await Host.AskAsync(Ada, "queue list")).EmbedDescription.Split('\n');

    private static string LineOf(string[] lines, string title) => lines[IndexOf(lines, title)];

    private static int IndexOf(string[] lines, string title)
    {
        var index = Array.FindIndex(lines, l => l.Contains($"**{title}**", StringComparison.Ordinal));
        Assert.True(index >= 0, $"{title} is not in the queue:\n{string.Join('\n', lines)}");
        return index;
    }

    private static Dictionary<string, object?> Paper(string slug) => new() { ["paper"] = slug };
}
