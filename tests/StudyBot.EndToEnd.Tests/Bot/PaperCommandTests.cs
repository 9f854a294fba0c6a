using StudyBot.Playground;

namespace StudyBot.EndToEnd.Tests.Bot;

/// <summary>/paper over the real gateway and REST: what the fake recorded as the bot's answer.</summary>
[Collection(BotCollection.Name)]
public sealed class PaperCommandTests(BotFixture fixture) : IClassFixture<BotFixture>
{
    private BotTestHost Host => fixture.Host;

    [Fact]
    public async Task Info_answers_publicly_with_the_papers_card_from_the_library()
    {
        var answer = await Host.AskAsync(PlaygroundSeed.AdaId, "paper info", new Dictionary<string, object?> { ["paper"] = "transformer" });

        Assert.False(answer.IsEphemeral);
        Assert.Equal("Attention Is All You Need", answer.EmbedTitle);
        Assert.Contains("attention is the only mechanism", answer.EmbedDescription);
        Assert.Contains("Ashish Vaswani", answer.AllText);
        Assert.Equal("https://arxiv.org/abs/1706.03762", answer.Message.Embeds[0]!["url"]!.GetValue<string>());
    }

    [Fact]
    public async Task Questions_answers_with_the_notes_discussion_questions()
    {
        var answer = await Host.AskAsync(PlaygroundSeed.AdaId, "paper questions", new Dictionary<string, object?> { ["paper"] = "lora" });

        Assert.False(answer.IsEphemeral);
        Assert.StartsWith("Discussion questions: LoRA", answer.EmbedTitle);
        Assert.False(string.IsNullOrWhiteSpace(answer.EmbedDescription));
    }

    [Fact]
    public async Task Path_lists_prerequisites_before_the_paper_that_needs_them()
    {
        var answer = await Host.AskAsync(PlaygroundSeed.AdaId, "paper path", new Dictionary<string, object?> { ["paper"] = "transformer" });

        var path = answer.EmbedDescription;
        Assert.StartsWith("Reading path to Attention Is All You Need", answer.EmbedTitle);
        var transformer = path.IndexOf("`transformer`", StringComparison.Ordinal);
        Assert.True(transformer > 0, path);
        Assert.InRange(path.IndexOf("`bahdanau-attention`", StringComparison.Ordinal), 0, transformer);
        Assert.InRange(path.IndexOf("`layer-norm`", StringComparison.Ordinal), 0, transformer);
    }

    [Fact]
    public async Task Search_answers_only_the_member_who_asked()
    {
        var answer = await Host.AskAsync(PlaygroundSeed.AdaId, "paper search", new Dictionary<string, object?> { ["query"] = "low-rank" });

        Assert.True(answer.IsEphemeral);
        Assert.Equal(PlaygroundSeed.AdaId, answer.Message.InteractionUserId);
        Assert.Contains("LoRA: Low-Rank Adaptation of Large Language Models", answer.EmbedDescription);
    }

    [Fact]
    public async Task Unknown_paper_gets_an_ephemeral_error_pointing_to_search()
    {
        var answer = await Host.AskAsync(PlaygroundSeed.AdaId, "paper info", new Dictionary<string, object?> { ["paper"] = "qqqqxyzzy" });

        Assert.True(answer.IsEphemeral, answer.AllText);
        Assert.Contains("No paper in the library matches", answer.Content);
        Assert.Contains("/paper search", answer.Content);
    }

    [Fact]
    public async Task Autocomplete_of_a_partial_title_suggests_the_matching_paper()
    {
        var handle = await Host.Fake.SendAutocompleteAsync(
            PlaygroundSeed.GuildId, PlaygroundSeed.PaperClubChannelId, PlaygroundSeed.AdaId, "paper info", "paper", "attent");

        var choices = await handle.WaitForChoicesAsync(BotTestHost.Patience);

        Assert.NotEmpty(choices);
        Assert.Equal("Attention Is All You Need (2017)", choices[0].Name);
        Assert.Equal("transformer", choices[0].Value!.GetValue<string>());
        Assert.InRange(choices.Count, 1, 25);
    }

    [Fact]
    public async Task Autocomplete_for_queue_add_offers_library_papers_by_id()
    {
        var handle = await Host.Fake.SendAutocompleteAsync(
            PlaygroundSeed.GuildId, PlaygroundSeed.PaperClubChannelId, PlaygroundSeed.AdaId, "queue add", "paper", "attent");

        var choices = await handle.WaitForChoicesAsync(BotTestHost.Patience);

        Assert.Contains(choices, c => c.Name == "Attention Is All You Need (2017)" && c.Value!.GetValue<string>() == "1706.03762");
    }
}
