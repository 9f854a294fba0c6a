using System.Text;
using StudyBot.Storage.Papers;

namespace StudyBot.Storage.Tests.Papers;

public sealed class PaperLibraryFilesTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("studybot-papers-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static string Note(string slug, string id, int year = 2020, string prerequisites = "", string title = "A paper") => $"""
        ---
        id: "{id}"
        slug: {slug}
        title: "{title}"
        authors: ["Ada Lovelace"]
        year: {year}
        url: "https://example.org/{slug}"
        tags: [test]
        difficulty: beginner
        prerequisites: [{prerequisites}]
        estimated_minutes: 30
        ---

        ## Summary
        Text.

        ## Key ideas
        - Idea.

        ## Why it matters
        Reasons.

        ## Discussion questions
        1. One?
        2. Two?
        3. Three?
        4. Four?
        5. Five?

        ## Try it
        Something small.
        """;

    private void Write(string name, string text) => File.WriteAllText(Path.Combine(_folder, name), text, new UTF8Encoding(false));

    [Fact]
    public void Good_notes_load_and_readme_is_skipped()
    {
        Write("a.md", Note("a", "1409.0473", 2014));
        Write("b.md", Note("b", "1706.03762", 2017, "a"));
        Write("README.md", "# About these notes\n");
        Write("notes.txt", "not a note");

        var load = PaperLibraryFiles.Load(_folder);

        Assert.Empty(load.Problems);
        Assert.Equal(["a", "b"], load.Library.ReadingPath().Select(n => n.Slug));
        Assert.Equal(Path.Combine(_folder, "b.md"), load.Library.Find("1706.03762")!.SourceFile);
    }

    [Fact]
    public void A_bad_note_is_reported_with_its_file_and_the_others_still_load()
    {
        Write("good.md", Note("good", "good"));
        Write("bad-yaml.md", Note("bad", "bad").Replace("title: \"A paper\"", "title: [unclosed", StringComparison.Ordinal));
        Write("no-title.md", Note("untitled", "untitled").Replace("title: \"A paper\"\n", string.Empty, StringComparison.Ordinal));
        Write("zz-dup.md", Note("dup", "good"));

        var load = PaperLibraryFiles.Load(_folder);

        Assert.Equal(["good"], load.Library.All.Select(n => n.Slug));
        Assert.Equal(3, load.Problems.Count);
        Assert.StartsWith("invalid YAML front matter at line", load.Problems.Single(p => p.File.EndsWith("bad-yaml.md", StringComparison.Ordinal)).Reason, StringComparison.Ordinal);
        Assert.Equal("missing 'title' in the front matter", load.Problems.Single(p => p.File.EndsWith("no-title.md", StringComparison.Ordinal)).Reason);
        Assert.Contains("duplicate id 'good'", load.Problems.Single(p => p.File.EndsWith("zz-dup.md", StringComparison.Ordinal)).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_prerequisite_cycle_across_files_names_the_files()
    {
        Write("x.md", Note("x", "x", 2020, "y"));
        Write("y.md", Note("y", "y", 2020, "x"));
        Write("z.md", Note("z", "z"));

        var load = PaperLibraryFiles.Load(_folder);

        Assert.Equal(["z"], load.Library.All.Select(n => n.Slug));
        Assert.Equal(2, load.Problems.Count);
        Assert.All(load.Problems, p =>
        {
            Assert.Contains(Path.Combine(_folder, "x.md"), p.Reason, StringComparison.Ordinal);
            Assert.Contains(Path.Combine(_folder, "y.md"), p.Reason, StringComparison.Ordinal);
        });
    }

    [Fact]
    public void A_file_that_is_not_utf8_is_a_problem_not_a_crash()
    {
        Write("good.md", Note("good", "good"));
        var latin1 = Encoding.Latin1.GetBytes(Note("caf", "caf", title: "Caf\u00e9 \u00fcber alles"));
        File.WriteAllBytes(Path.Combine(_folder, "latin1.md"), latin1);

        var load = PaperLibraryFiles.Load(_folder);

        var problem = Assert.Single(load.Problems);
        Assert.Equal(Path.Combine(_folder, "latin1.md"), problem.File);
        Assert.StartsWith("is not valid UTF-8", problem.Reason, StringComparison.Ordinal);
        Assert.Equal(["good"], load.Library.All.Select(n => n.Slug));
    }

    [Fact]
    public void A_missing_folder_is_a_problem()
    {
        var load = PaperLibraryFiles.Load(Path.Combine(_folder, "nope"));

        Assert.Equal("the papers folder does not exist", Assert.Single(load.Problems).Reason);
        Assert.Empty(load.Library.All);
    }
}
