using StudyBot.Core.Papers;

namespace StudyBot.Core.Tests.Papers;

public sealed class PaperLibraryTests
{
    private static PaperNote Note(NoteText text, string file)
    {
        var result = PaperNoteParser.Parse(text.ToString(), file);
        Assert.True(result.Succeeded, result.Problem?.ToString());
        return result.Note!;
    }

    private static PaperNote Paper(string slug, int year = 2020, string? id = null, params string[] prerequisites) =>
        Note(NoteText.For(slug, id, year, prerequisites), $"papers/{slug}.md");

    [Fact]
    public void A_duplicate_id_is_reported_naming_both_files_and_the_others_still_load()
    {
        var first = Note(NoteText.For("transformer", "1706.03762"), "papers/a-transformer.md");
        var copy = Note(NoteText.For("transformer-copy", "1706.03762"), "papers/b-copy.md");
        var other = Paper("resnet", 2015, "1512.03385");

        var load = PaperLibrary.Build([copy, other, first]);

        var problem = Assert.Single(load.Problems);
        Assert.Equal("papers/b-copy.md", problem.File);
        Assert.Contains("duplicate id '1706.03762'", problem.Reason, StringComparison.Ordinal);
        Assert.Contains("papers/a-transformer.md", problem.Reason, StringComparison.Ordinal);
        Assert.Equal(["resnet", "transformer"], load.Library.All.Select(n => n.Slug));
    }

    [Fact]
    public void A_duplicate_slug_is_reported_naming_both_files()
    {
        var first = Note(NoteText.For("bert", "1810.04805"), "papers/bert.md");
        var second = Note(NoteText.For("bert", "1810.04806"), "papers/bert2.md");

        var load = PaperLibrary.Build([first, second]);

        var problem = Assert.Single(load.Problems);
        Assert.Equal("duplicate slug 'bert': papers/bert.md already uses it (kept papers/bert.md, left out papers/bert2.md)", problem.Reason);
        Assert.Single(load.Library.All);
    }

    [Fact]
    public void An_unknown_prerequisite_is_reported_and_the_note_kept()
    {
        var load = PaperLibrary.Build([Paper("lora", 2021, "2106.09685", "gpt-9")]);

        var problem = Assert.Single(load.Problems);
        Assert.Equal("papers/lora.md", problem.File);
        Assert.Equal("unknown prerequisite 'gpt-9': no note has that slug", problem.Reason);
        Assert.Equal(["lora"], load.Library.ReadingPath().Select(n => n.Slug));
    }

    [Fact]
    public void A_prerequisite_cycle_is_rejected_naming_every_file_in_it_and_the_rest_loads()
    {
        var load = PaperLibrary.Build(
        [
            Paper("a", 2018, null, "c"),
            Paper("b", 2018, null, "a"),
            Paper("c", 2018, null, "b"),
            Paper("d", 2019, null),
            Paper("e", 2020, null, "d"),
        ]);

        Assert.Equal(3, load.Problems.Count);
        Assert.Equal(["papers/a.md", "papers/b.md", "papers/c.md"], load.Problems.Select(p => p.File).Order());
        foreach (var problem in load.Problems)
        {
            Assert.Equal(
                "prerequisite cycle (each note requires the next), so these notes were left out: papers/a.md (a) → papers/c.md (c) → papers/b.md (b) → papers/a.md (a)",
                problem.Reason);
        }

        Assert.Equal(["d", "e"], load.Library.ReadingPath().Select(n => n.Slug));
    }

    [Fact]
    public void A_note_that_requires_itself_is_a_cycle()
    {
        var load = PaperLibrary.Build([Paper("loop", 2020, null, "loop"), Paper("fine")]);

        Assert.Contains("prerequisite cycle", Assert.Single(load.Problems).Reason, StringComparison.Ordinal);
        Assert.Equal(["fine"], load.Library.All.Select(n => n.Slug));
    }

    [Fact]
    public void A_note_depending_on_a_cycle_is_told_why_its_prerequisite_is_missing()
    {
        var load = PaperLibrary.Build([Paper("x", 2020, null, "y"), Paper("y", 2020, null, "x"), Paper("z", 2021, null, "x")]);

        var z = Assert.Single(load.Problems, p => p.File == "papers/z.md");
        Assert.Contains("on a prerequisite cycle", z.Reason, StringComparison.Ordinal);
        Assert.Equal(["z"], load.Library.All.Select(n => n.Slug));
    }

    [Fact]
    public void The_reading_path_puts_prerequisites_first_and_breaks_ties_by_year_then_slug()
    {
        var library = PaperLibrary.Build(
        [
            Paper("transformer", 2017, "1706.03762", "bahdanau-attention", "layer-norm"),
            Paper("bahdanau-attention", 2014, "1409.0473"),
            Paper("layer-norm", 2016, "1607.06450"),
            Paper("adam", 2014, "1412.6980"),
            Paper("bert", 2018, "1810.04805", "transformer"),
            Paper("vit", 2020, "2010.11929", "transformer"),
            Paper("adamw", 2017, "1711.05101", "adam"),
        ]).Library;

        var path = library.ReadingPath().Select(n => n.Slug).ToList();

        Assert.Equal(["adam", "bahdanau-attention", "layer-norm", "adamw", "transformer", "bert", "vit"], path);
        AssertValidOrder(library.ReadingPath());
    }

    [Fact]
    public void A_prerequisite_listed_twice_is_waited_on_once_and_its_note_stays_in_the_reading_path()
    {
        var library = PaperLibrary.Build([Paper("a", 2014), Paper("b", 2015, null, "a", "A")]).Library;

        Assert.Equal(["a", "b"], library.ReadingPath().Select(n => n.Slug));
        Assert.Equal(["a"], library.Find("b")!.Prerequisites);
    }

    [Fact]
    public void A_targeted_reading_path_holds_only_the_target_and_what_it_needs()
    {
        var library = PaperLibrary.Build(
        [
            Paper("a", 2014), Paper("b", 2015, null, "a"), Paper("c", 2016, null, "b"), Paper("unrelated", 2010),
        ]).Library;

        Assert.Equal(["a", "b", "c"], library.ReadingPath("c").Select(n => n.Slug));
        Assert.Equal(["a", "b"], library.ReadingPath("B").Select(n => n.Slug));
        Assert.Empty(library.ReadingPath("missing"));
    }

    [Fact]
    public void The_reading_path_of_a_random_acyclic_graph_is_always_a_valid_order()
    {
        var random = new Random(20261123);
        for (var round = 0; round < 20; round++)
        {
            var notes = new List<PaperNote>();
            for (var i = 0; i < 15; i++)
            {
                var prerequisites = Enumerable.Range(0, i).Where(_ => random.NextDouble() < 0.2).Select(j => $"p{j}").ToArray();
                notes.Add(Paper($"p{i}", 2000 + random.Next(20), null, prerequisites));
            }

            var library = PaperLibrary.Build(notes.OrderBy(_ => random.Next())).Library;
            var path = library.ReadingPath();

            Assert.Equal(15, path.Count);
            AssertValidOrder(path);
        }
    }

    [Theory]
    [InlineData("vit")]
    [InlineData("VIT")]
    [InlineData("2010.11929")]
    [InlineData("arXiv:2010.11929")]
    [InlineData("https://arxiv.org/abs/2010.11929v2")]
    public void Find_accepts_slug_id_and_arxiv_spellings(string query)
    {
        var library = PaperLibrary.Build([Paper("vit", 2020, "2010.11929"), Paper("bert", 2018, "1810.04805")]).Library;

        Assert.Equal("vit", library.Find(query)?.Slug);
    }

    [Fact]
    public void Find_returns_null_for_an_unknown_paper()
    {
        var library = PaperLibrary.Build([Paper("vit", 2020, "2010.11929")]).Library;

        Assert.Null(library.Find("1706.03762"));
        Assert.Null(library.Find(""));
    }

    [Fact]
    public void Search_ranks_exact_key_then_title_prefix_then_title_words_then_authors_and_tags()
    {
        PaperNote Titled(string slug, string title, string authors, string tags, int year) => Note(
            NoteText.For(slug, null, year) with { Title = $"\"{title}\"", Authors = authors, Tags = tags },
            $"papers/{slug}.md");
        var library = PaperLibrary.Build(
        [
            Titled("attention", "Neural Machine Translation", "[\"Dzmitry Bahdanau\"]", "[attention]", 2014),
            Titled("transformer", "Attention Is All You Need", "[\"Ashish Vaswani\"]", "[nlp]", 2017),
            Titled("survey", "A Survey of Attention Models", "[\"Someone Else\"]", "[survey]", 2019),
            Titled("unrelated", "Deep Residual Learning", "[\"Kaiming He\"]", "[vision]", 2015),
        ]).Library;

        var results = library.Search("ATTENTION", 10).Select(n => n.Slug).ToList();

        Assert.Equal(["attention", "transformer", "survey"], results);
        Assert.Equal(["transformer"], library.Search("attention is", 10).Select(n => n.Slug).Take(1));
        Assert.Equal(["unrelated"], library.Search("kaiming", 10).Select(n => n.Slug));
        Assert.Single(library.Search("attention", 1));
        Assert.Empty(library.Search("  ", 5));
    }

    [Fact]
    public void Search_uses_tag_and_author_hits_to_break_ties_between_equal_title_matches()
    {
        PaperNote Titled(string slug, string title, string tags) => Note(
            NoteText.For(slug, null, 2020) with { Title = $"\"{title}\"", Tags = tags },
            $"papers/{slug}.md");
        var library = PaperLibrary.Build(
        [
            Titled("bert", "Deep Bidirectional Transformers", "[nlp, pretraining]"),
            Titled("vit", "Transformers for Image Recognition", "[computer-vision, image-classification]"),
        ]).Library;

        Assert.Equal(["vit", "bert"], library.Search("vision transformer", 5).Select(n => n.Slug));
        Assert.Equal(["bert", "vit"], library.Search("bidirectional transformer", 5).Select(n => n.Slug));
    }

    private static void AssertValidOrder(IReadOnlyList<PaperNote> path)
    {
        var position = path.Select((n, i) => (n.Slug, i)).ToDictionary(x => x.Slug, x => x.i);
        foreach (var note in path)
        {
            foreach (var prerequisite in note.Prerequisites.Where(position.ContainsKey))
            {
                Assert.True(position[prerequisite] < position[note.Slug], $"{prerequisite} must come before {note.Slug}");
            }
        }
    }
}
