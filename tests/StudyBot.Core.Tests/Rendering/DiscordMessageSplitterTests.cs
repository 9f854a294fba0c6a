using System.Text;
using StudyBot.Core.Rendering;

namespace StudyBot.Core.Tests.Rendering;

public sealed class DiscordMessageSplitterTests
{
    private static readonly char[] Whitespace = [' ', '\n', '\t'];

    [Fact]
    public void Text_within_the_limit_is_one_chunk()
    {
        Assert.Equal(["short text"], DiscordMessageSplitter.Split("short text\n\n", 2000));
        Assert.Empty(DiscordMessageSplitter.Split(" \n ", 2000));
    }

    [Fact]
    public void A_limit_too_small_for_fences_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => DiscordMessageSplitter.Split("text", 10));
    }

    [Fact]
    public void Cuts_prefer_section_boundaries()
    {
        var sectionA = "**Summary**\n\n" + Words("alpha", 60) + "\n\n" + Words("beta", 20);
        var sectionB = "**Key ideas**\n\n" + Words("gamma", 60);
        var text = sectionA + "\n\n" + sectionB;

        var chunks = DiscordMessageSplitter.Split(text, sectionA.Length + 40);

        Assert.Equal([sectionA, sectionB], chunks);
    }

    [Fact]
    public void Without_a_section_boundary_cuts_fall_between_paragraphs()
    {
        var p1 = Words("one", 30);
        var p2 = Words("two", 30);
        var p3 = Words("three", 30);

        var chunks = DiscordMessageSplitter.Split($"{p1}\n\n{p2}\n\n{p3}", p1.Length + p2.Length + 10);

        Assert.Equal([$"{p1}\n\n{p2}", p3], chunks);
    }

    [Fact]
    public void A_long_paragraph_is_cut_between_words_never_inside_one()
    {
        var text = string.Join(' ', Enumerable.Range(0, 400).Select(i => $"word{i}"));

        var chunks = DiscordMessageSplitter.Split(text, 100);

        Assert.All(chunks, c => Assert.InRange(c.Length, 1, 100));
        Assert.Equal(text.Split(' '), chunks.SelectMany(c => c.Split(' ')));
    }

    [Fact]
    public void A_code_block_is_never_cut_when_it_fits_in_the_next_chunk()
    {
        var prose = Words("prose", 40);
        var code = "```python\n" + string.Join('\n', Enumerable.Range(0, 20).Select(i => $"x{i} = {i}")) + "\n```";

        var chunks = DiscordMessageSplitter.Split(prose + "\n\n" + code, Math.Max(prose.Length, code.Length) + 20);

        Assert.Equal([prose, code], chunks);
    }

    [Fact]
    public void A_code_block_too_big_for_one_chunk_is_closed_and_reopened_with_its_language()
    {
        var lines = Enumerable.Range(0, 100).Select(i => $"print({i})").ToList();
        var code = "```python\n" + string.Join('\n', lines) + "\n```";

        var chunks = DiscordMessageSplitter.Split(code, 200);

        Assert.True(chunks.Count > 1);
        foreach (var chunk in chunks)
        {
            Assert.True(chunk.Length <= 200);
            Assert.StartsWith("```python\n", chunk, StringComparison.Ordinal);
            Assert.EndsWith("\n```", chunk, StringComparison.Ordinal);
        }

        var inner = chunks.SelectMany(c => c.Split('\n')[1..^1]).ToList();
        Assert.Equal(lines, inner);
    }

    [Fact]
    public void A_fence_with_a_very_long_language_is_reopened_bare_to_stay_within_the_limit()
    {
        var code = "```" + new string('l', 40) + "\n" + string.Join('\n', Enumerable.Range(0, 40).Select(i => $"line {i}")) + "\n```";

        var chunks = DiscordMessageSplitter.Split(code, 60);

        Assert.All(chunks, c => Assert.True(c.Length <= 60, c));
        Assert.All(chunks.Skip(1), c => Assert.StartsWith("```\n", c, StringComparison.Ordinal));
        Assert.All(chunks, c => Assert.EndsWith("```", c, StringComparison.Ordinal));
    }

    [Fact]
    public void A_list_marker_is_never_left_alone_at_the_end_of_a_chunk()
    {
        // The word after the marker is longer than the limit, so the only word boundary that fits is the marker's.
        var text = "- " + new string('x', 50) + " tail";

        var chunks = DiscordMessageSplitter.Split(text, 40);

        Assert.All(chunks, c => Assert.True(c.Length <= 40));
        Assert.StartsWith("- xxx", chunks[0], StringComparison.Ordinal);
        Assert.Equal(text.Replace(" ", string.Empty, StringComparison.Ordinal), string.Concat(chunks).Replace(" ", string.Empty, StringComparison.Ordinal));
    }

    [Fact]
    public void A_single_word_longer_than_the_limit_is_the_only_thing_ever_cut()
    {
        var word = new string('x', 250);

        var chunks = DiscordMessageSplitter.Split($"start {word} end", 100);

        Assert.All(chunks, c => Assert.True(c.Length <= 100));
        Assert.Equal($"start{word}end", string.Concat(chunks).Replace(" ", string.Empty, StringComparison.Ordinal));
    }

    [Fact]
    public void Randomised_documents_split_within_limits_without_breaking_words_or_fences()
    {
        var random = new Random(42);
        for (var round = 0; round < 60; round++)
        {
            var text = RandomDocument(random, out _);
            var limit = random.Next(DiscordMessageSplitter.MinimumLimit + 20, 700);

            var chunks = DiscordMessageSplitter.Split(text, limit);

            foreach (var chunk in chunks)
            {
                Assert.True(chunk.Length <= limit, $"round {round}: chunk of {chunk.Length} > {limit}");
                Assert.True(chunk.Trim().Length > 0, $"round {round}: empty chunk");
                Assert.True(FenceLines(chunk).Count % 2 == 0, $"round {round}: unbalanced fence in chunk:\n{chunk}");
            }

            // Same words in the same order once the fences the splitter added are ignored: nothing lost, nothing
            // duplicated, and no word cut in two (a cut word would show up as two tokens).
            Assert.Equal(Tokens(text), chunks.SelectMany(Tokens));
        }
    }

    [Fact]
    public void Rendered_paper_sized_text_fits_discord_content_and_embed_limits()
    {
        var random = new Random(7);
        var text = RandomDocument(random, out _) + RandomDocument(random, out _) + RandomDocument(random, out _);

        foreach (var limit in new[] { DiscordLimits.MessageContent, DiscordLimits.EmbedDescription })
        {
            var chunks = DiscordMessageSplitter.Split(text, limit);
            Assert.All(chunks, c => Assert.True(c.Length <= limit));
            Assert.Equal(Tokens(text), chunks.SelectMany(Tokens));
        }
    }

    private static string Words(string stem, int count) => string.Join(' ', Enumerable.Range(0, count).Select(i => $"{stem}{i}"));

    private static List<string> Tokens(string text) =>
        text.Split(Whitespace, StringSplitOptions.RemoveEmptyEntries).Where(t => !t.StartsWith("```", StringComparison.Ordinal)).ToList();

    private static List<string> FenceLines(string chunk) =>
        chunk.Split('\n').Where(l => l.TrimStart().StartsWith("```", StringComparison.Ordinal)).ToList();

    private static string RandomDocument(Random random, out int words)
    {
        var builder = new StringBuilder();
        words = 0;
        var blocks = random.Next(3, 25);
        for (var b = 0; b < blocks; b++)
        {
            switch (random.Next(6))
            {
                case 0:
                    builder.Append("**Section ").Append(b).Append("**\n\n");
                    break;
                case 1:
                    builder.Append("```").Append(random.Next(2) == 0 ? "python" : string.Empty).Append('\n');
                    var codeLines = random.Next(1, 60);
                    for (var l = 0; l < codeLines; l++)
                    {
                        builder.Append(new string(' ', random.Next(0, 3) * 4)).Append("code").Append(b).Append('_').Append(l)
                            .Append(" = f(").Append(l).Append(")\n");
                    }

                    builder.Append("```\n\n");
                    break;
                case 2:
                    var items = random.Next(1, 8);
                    for (var i = 0; i < items; i++)
                    {
                        builder.Append(random.Next(3) == 0 ? "  - " : "- ").Append(Sentence(random, ref words)).Append('\n');
                    }

                    builder.Append('\n');
                    break;
                case 3:
                    builder.Append("> ").Append(Sentence(random, ref words)).Append("\n\n");
                    break;
                default:
                    var sentences = random.Next(1, 12);
                    for (var s = 0; s < sentences; s++)
                    {
                        builder.Append(Sentence(random, ref words)).Append(random.Next(5) == 0 ? "\n" : " ");
                    }

                    builder.Append("\n\n");
                    break;
            }
        }

        return builder.ToString();
    }

    private static string Sentence(Random random, ref int words)
    {
        var count = random.Next(3, 25);
        var parts = new string[count];
        for (var i = 0; i < count; i++)
        {
            var length = random.Next(1, random.Next(10) == 0 ? 40 : 12);
            parts[i] = new string((char)('a' + random.Next(26)), length) + (words++).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return string.Join(' ', parts) + ".";
    }
}
