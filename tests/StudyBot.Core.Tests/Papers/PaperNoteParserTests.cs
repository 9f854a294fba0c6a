using StudyBot.Core.Papers;

namespace StudyBot.Core.Tests.Papers;

public sealed class PaperNoteParserTests
{
    private static PaperParseResult Parse(NoteText note) => PaperNoteParser.Parse(note.ToString(), "papers/transformer.md");

    private static string Problem(NoteText note)
    {
        var result = Parse(note);
        Assert.False(result.Succeeded, "expected the note to be rejected");
        Assert.Equal("papers/transformer.md", result.Problem!.File);
        return result.Problem.Reason;
    }

    [Fact]
    public void A_well_formed_note_yields_every_front_matter_field()
    {
        var result = Parse(new NoteText { Prerequisites = "[bahdanau-attention, layer-norm]" });

        Assert.True(result.Succeeded, result.Problem?.ToString());
        var note = result.Note!;
        Assert.Equal("1706.03762", note.Id);
        Assert.Equal("transformer", note.Slug);
        Assert.Equal("Attention Is All You Need", note.Title);
        Assert.Equal(["Ashish Vaswani", "Noam Shazeer"], note.Authors);
        Assert.Equal(2017, note.Year);
        Assert.Equal("https://arxiv.org/abs/1706.03762", note.Url);
        Assert.Equal(["transformers", "attention", "nlp"], note.Tags);
        Assert.Equal(PaperDifficulty.Intermediate, note.Difficulty);
        Assert.Equal(["bahdanau-attention", "layer-norm"], note.Prerequisites);
        Assert.Equal(90, note.EstimatedMinutes);
        Assert.Equal("papers/transformer.md", note.SourceFile);
        Assert.StartsWith("## Summary", note.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("estimated_minutes", note.Body, StringComparison.Ordinal);
    }

    [Fact]
    public void Windows_line_endings_and_a_byte_order_mark_are_accepted()
    {
        var text = "\uFEFF" + new NoteText().ToString().Replace("\n", "\r\n", StringComparison.Ordinal);

        var result = PaperNoteParser.Parse(text, "x.md");

        Assert.True(result.Succeeded, result.Problem?.ToString());
        Assert.Equal(5, PaperNoteSections.DiscussionQuestions(result.Note!.Body).Count);
    }

    [Fact]
    public void An_arxiv_id_written_with_prefix_and_version_is_normalised()
    {
        var result = Parse(new NoteText { Id = "\"arXiv:1706.03762v5\"" });

        Assert.Equal("1706.03762", result.Note!.Id);
    }

    [Fact]
    public void A_note_without_an_id_uses_its_slug_as_id()
    {
        var result = Parse(new NoteText { Id = null, Slug = "gpt-2" });

        Assert.Equal("gpt-2", result.Note!.Id);
    }

    [Fact]
    public void Bad_yaml_is_reported_with_the_file_line()
    {
        // Line 4 of the file: the title's quote is never closed, so the next line breaks the mapping.
        var reason = Problem(new NoteText { Title = "\"Attention Is All You Need" });

        var match = System.Text.RegularExpressions.Regex.Match(reason, @"^invalid YAML front matter at line (\d+)");
        Assert.True(match.Success, reason);
        Assert.InRange(int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), 4, 6);
    }

    [Fact]
    public void A_wrongly_typed_field_is_reported_at_its_line()
    {
        var reason = Problem(new NoteText { Year = "twenty-seventeen" });

        Assert.StartsWith("invalid YAML front matter at line 6 (year): the value has the wrong type", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_field_is_reported_rather_than_ignored()
    {
        var reason = Problem(new NoteText { Extra = "estimated_minute: 12" });

        Assert.StartsWith(
            "invalid YAML front matter at line 12 (estimated_minute): unknown field 'estimated_minute' (expected id, slug,",
            reason,
            StringComparison.Ordinal);
    }

    [Fact]
    public void A_list_where_text_belongs_is_reported_at_its_line()
    {
        var reason = Problem(new NoteText { Title = "[\"two\", \"titles\"]" });

        Assert.StartsWith("invalid YAML front matter at line 4 (title): a value has the wrong shape", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_title_is_reported()
    {
        Assert.Equal("missing 'title' in the front matter", Problem(new NoteText { Title = null }));
    }

    [Fact]
    public void A_file_without_front_matter_is_reported()
    {
        var result = PaperNoteParser.Parse("# Just a heading\n\nSome text.", "papers/loose.md");

        Assert.Contains("no YAML front matter", result.Problem!.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_difficulty_is_reported_with_the_allowed_values()
    {
        Assert.Equal("unknown difficulty 'expert': expected beginner, intermediate or advanced", Problem(new NoteText { Difficulty = "expert" }));
    }

    [Theory]
    [InlineData("Transformer")]
    [InlineData("attention_is_all")]
    [InlineData("\"two words\"")]
    public void A_bad_slug_is_reported(string slug)
    {
        Assert.StartsWith("bad slug ", Problem(new NoteText { Slug = slug }), StringComparison.Ordinal);
    }

    [Fact]
    public void A_prerequisite_that_is_not_a_slug_is_reported()
    {
        Assert.StartsWith("bad prerequisite 'Layer Norm'", Problem(new NoteText { Prerequisites = "[\"Layer Norm\"]" }), StringComparison.Ordinal);
    }

    [Fact]
    public void Fewer_than_five_discussion_questions_are_reported_with_the_count()
    {
        Assert.Equal(
            "'## Discussion questions' has 4 numbered question(s); at least 5 are required",
            Problem(new NoteText { Questions = 4 }));
    }

    [Theory]
    [InlineData("Summary")]
    [InlineData("Key ideas")]
    [InlineData("Why it matters")]
    [InlineData("Discussion questions")]
    [InlineData("Try it")]
    public void A_missing_section_is_named(string section)
    {
        Assert.Equal($"missing section '## {section}'", Problem(new NoteText { OmitSections = [section] }));
    }

    [Theory]
    [InlineData("year", "missing 'year' in the front matter")]
    [InlineData("url", "missing 'url' in the front matter")]
    [InlineData("authors", "missing 'authors' in the front matter (a list with at least one name)")]
    [InlineData("estimated_minutes", "missing 'estimated_minutes' in the front matter")]
    public void Other_missing_fields_are_named(string field, string expected)
    {
        var note = field switch
        {
            "year" => new NoteText { Year = null },
            "url" => new NoteText { Url = null },
            "authors" => new NoteText { Authors = "[]" },
            _ => new NoteText { EstimatedMinutes = null },
        };

        Assert.Equal(expected, Problem(note));
    }

    [Fact]
    public void A_relative_url_is_rejected()
    {
        Assert.StartsWith("bad url 'papers/x.pdf'", Problem(new NoteText { Url = "papers/x.pdf" }), StringComparison.Ordinal);
    }

    [Fact]
    public void An_id_that_is_neither_arxiv_nor_slug_is_rejected()
    {
        Assert.StartsWith("bad id 'Not An Id'", Problem(new NoteText { Id = "\"Not An Id\"" }), StringComparison.Ordinal);
    }
}
