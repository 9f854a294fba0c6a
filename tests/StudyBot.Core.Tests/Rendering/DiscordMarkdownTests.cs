using StudyBot.Core.Rendering;

namespace StudyBot.Core.Tests.Rendering;

public sealed class DiscordMarkdownTests
{
    [Fact]
    public void Headings_of_every_level_become_bold_lines()
    {
        Assert.Equal("**Title**\n\n**Section**\n\n**Sub**\n\nText.", DiscordMarkdown.Render("# Title\n\n## Section\n### Sub\nText."));
    }

    [Fact]
    public void Bold_italic_strikethrough_and_inline_code_survive()
    {
        Assert.Equal(
            "Use **bold**, *italic*, ~~gone~~ and `x_1 * y`.",
            DiscordMarkdown.Render("Use __bold__, _italic_, ~~gone~~ and `x_1 * y`."));
    }

    [Fact]
    public void Links_keep_their_text_and_address_and_bare_urls_stay_bare()
    {
        Assert.Equal(
            "Read [the **paper**](https://arxiv.org/abs/1706.03762) or https://example.org/x_y.",
            DiscordMarkdown.Render("Read [the **paper**](https://arxiv.org/abs/1706.03762 \"title\") or https://example.org/x_y."));
    }

    [Fact]
    public void Soft_line_breaks_join_a_paragraph_and_hard_breaks_stay()
    {
        Assert.Equal("one two\nthree", DiscordMarkdown.Render("one\ntwo  \nthree"));
    }

    [Fact]
    public void Fenced_code_keeps_its_language_and_content_verbatim()
    {
        var markdown = "Before.\n\n```python\ndef f(x_1):\n    return x_1 * 2  # **not bold**\n```\n\nAfter.";

        Assert.Equal(
            "Before.\n\n```python\ndef f(x_1):\n    return x_1 * 2  # **not bold**\n```\n\nAfter.",
            DiscordMarkdown.Render(markdown));
    }

    [Fact]
    public void Indented_code_becomes_a_fence()
    {
        Assert.Equal("```\nx = 1\n```", DiscordMarkdown.Render("    x = 1"));
    }

    [Fact]
    public void Bullet_and_numbered_lists_nest_with_indentation()
    {
        var markdown = "- one\n- two\n  1. first\n  2. second\n     - deep\n- three\n\n3. c\n4. d";

        Assert.Equal(
            "- one\n- two\n  1. first\n  2. second\n    - deep\n- three\n\n3. c\n4. d",
            DiscordMarkdown.Render(markdown));
    }

    [Fact]
    public void Block_quotes_are_prefixed_on_every_line()
    {
        Assert.Equal("> quoted **text**\n>\n> second", DiscordMarkdown.Render("> quoted **text**\n>\n> second"));
    }

    [Fact]
    public void Tables_become_aligned_text_in_a_code_block()
    {
        var markdown = "| Model | Params |\n|---|---:|\n| **base** | 65M |\n| big | 213M |";

        Assert.Equal(
            "```\nModel | Params\n------+-------\nbase  | 65M\nbig   | 213M\n```",
            DiscordMarkdown.Render(markdown));
    }

    [Fact]
    public void Images_become_links()
    {
        Assert.Equal("See [image: attention map](https://example.org/a.png).", DiscordMarkdown.Render("See ![attention map](https://example.org/a.png)."));
    }

    [Fact]
    public void Html_is_reduced_to_its_text()
    {
        Assert.Equal("Hello world\nline two", DiscordMarkdown.Render("<div>\n<b>Hello</b> world<br>line two\n</div>"));
        Assert.Equal("a\nb", DiscordMarkdown.Render("a<br>b"));
    }

    [Fact]
    public void Characters_discord_would_read_as_formatting_are_escaped_in_plain_text()
    {
        Assert.Equal(@"2\*3\*4 and snake\_case and a\|b", DiscordMarkdown.Render(@"2\*3\*4 and snake\_case and a|b"));
    }

    [Fact]
    public void Front_matter_is_not_rendered()
    {
        Assert.Equal("**Hi**", DiscordMarkdown.Render("---\ntitle: x\n---\n# Hi"));
    }

    [Fact]
    public void A_thematic_break_becomes_a_visible_rule()
    {
        Assert.Equal("a\n\n───────────\n\nb", DiscordMarkdown.Render("a\n\n---\n\nb"));
    }
}
