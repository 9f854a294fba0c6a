using StudyBot.Core.Papers;
using StudyBot.Core.Rendering;
using StudyBot.Core.Tests.Papers;

namespace StudyBot.Core.Tests.Rendering;

public sealed class PaperCardRendererTests
{
    private static PaperNote Parse(NoteText text)
    {
        var result = PaperNoteParser.Parse(text.ToString(), "papers/transformer.md");
        Assert.True(result.Succeeded, result.Problem?.ToString());
        return result.Note!;
    }

    [Fact]
    public void The_card_shows_the_papers_facts_and_its_rendered_summary()
    {
        var card = PaperCardRenderer.RenderCard(Parse(new NoteText { Prerequisites = "[bahdanau-attention]" }));

        Assert.Equal("Attention Is All You Need", card.Title);
        Assert.Equal("https://arxiv.org/abs/1706.03762", card.Url);
        Assert.Equal("The model uses **attention** only. See [the paper](https://arxiv.org/abs/1706.03762).", card.Description);
        var fields = card.Fields.ToDictionary(f => f.Name, f => f.Value);
        Assert.Equal("Ashish Vaswani, Noam Shazeer", fields["Authors"]);
        Assert.Equal("2017", fields["Year"]);
        Assert.Equal("intermediate", fields["Difficulty"]);
        Assert.Equal("~90 min", fields["Reading time"]);
        Assert.Equal("1706.03762", fields["arXiv"]);
        Assert.Equal("transformers, attention, nlp", fields["Tags"]);
        Assert.Equal("`bahdanau-attention`", fields["Prerequisites"]);
    }

    [Fact]
    public void A_huge_note_still_fits_one_embed()
    {
        var manyAuthors = "[" + string.Join(", ", Enumerable.Range(0, 300).Select(i => $"\"Author Number {i}\"")) + "]";
        var longTitle = "\"" + string.Join(' ', Enumerable.Range(0, 100).Select(i => $"word{i}")) + "\"";
        var text = new NoteText { Authors = manyAuthors, Title = longTitle }.ToString()
            .Replace("The model uses", string.Join(' ', Enumerable.Range(0, 1500).Select(i => $"summary{i}")), StringComparison.Ordinal);

        var huge = PaperNoteParser.Parse(text, "big.md").Note!;
        var card = PaperCardRenderer.RenderCard(huge);

        Assert.True(card.Title.Length <= DiscordLimits.EmbedTitle);
        Assert.EndsWith("…", card.Title, StringComparison.Ordinal);
        Assert.True(card.Description.Length <= DiscordLimits.EmbedDescription);
        Assert.EndsWith("\n…", card.Description, StringComparison.Ordinal);
        Assert.True(card.Fields.Count <= DiscordLimits.EmbedFields);
        Assert.All(card.Fields, f => Assert.True(f.Name.Length <= DiscordLimits.EmbedFieldName && f.Value.Length <= DiscordLimits.EmbedFieldValue));
        Assert.EndsWith("more", card.Fields.Single(f => f.Name == "Authors").Value, StringComparison.Ordinal);
        var total = card.Title.Length + card.Description.Length + card.Fields.Sum(f => f.Name.Length + f.Value.Length);
        Assert.True(total <= DiscordLimits.EmbedTotal, $"embed total {total}");
    }

    [Fact]
    public void Questions_are_a_numbered_list_under_a_bold_title()
    {
        var messages = PaperCardRenderer.RenderQuestions(Parse(new NoteText { Questions = 6 }));

        var message = Assert.Single(messages);
        Assert.StartsWith("**Discussion questions: Attention Is All You Need**\n\n1. Question number 1?\n", message, StringComparison.Ordinal);
        Assert.EndsWith("6. Question number 6?", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Many_long_questions_are_split_into_messages_within_the_limit()
    {
        var note = Parse(new NoteText { Questions = 60 });
        var padded = note with { Body = note.Body.Replace("Question number", "A long question about " + string.Join(' ', Enumerable.Repeat("attention", 20)) + ", number", StringComparison.Ordinal) };

        var messages = PaperCardRenderer.RenderQuestions(padded);

        Assert.True(messages.Count > 1);
        Assert.All(messages, m => Assert.True(m.Length <= DiscordLimits.MessageContent));
        Assert.Equal(60, messages.Sum(m => m.Split('\n').Count(l => l.Contains("A long question", StringComparison.Ordinal))));
    }

    [Fact]
    public void The_whole_note_renders_with_its_sections_and_code()
    {
        var messages = PaperCardRenderer.RenderNote(Parse(new NoteText()));

        var all = string.Join("\n\n", messages);
        Assert.StartsWith("**Attention Is All You Need (2017)**", all, StringComparison.Ordinal);
        Assert.Contains("**Key ideas**\n\n- Scaled dot-product attention\n- Multi-head attention\n  - nested detail", all, StringComparison.Ordinal);
        Assert.Contains("```python\nprint('attention')\n```", all, StringComparison.Ordinal);
    }

    [Fact]
    public void A_single_section_renders_under_its_heading()
    {
        var messages = PaperCardRenderer.RenderSection(Parse(new NoteText()), PaperSection.WhyItMatters);

        Assert.Equal(["**Why it matters**\n\nEverything since builds on it."], messages);
        Assert.Empty(PaperCardRenderer.RenderSection(Parse(new NoteText()), "Nope"));
    }
}
