using StudyBot.Core.Papers;
using StudyBot.Core.Rendering;
using StudyBot.Storage.Papers;

namespace StudyBot.Storage.Tests.Papers;

/// <summary>Checks the real notes in the repository's <c>papers/</c> folder.</summary>
public sealed class RepositoryPapersTests
{
    private static readonly Lazy<PaperLibraryLoad> Load = new(() => PaperLibraryFiles.Load(Path.Combine(RepositoryRoot(), "papers")));

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "StudyBot.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"no StudyBot.sln above {AppContext.BaseDirectory}");
    }

    [Fact]
    public void Every_note_loads_without_problems()
    {
        Assert.Empty(Load.Value.Problems.Select(p => p.ToString()));
    }

    [Fact]
    public void The_library_holds_at_least_twelve_papers_including_the_five_key_ones()
    {
        var library = Load.Value.Library;

        Assert.True(library.All.Count >= 12, $"only {library.All.Count} papers");
        foreach (var id in new[] { "1706.03762", "2106.09685", "2010.11929", "1711.05101" })
        {
            Assert.True(library.Find(id) is not null, $"no paper with id {id}");
        }

        Assert.NotNull(library.Find("gpt-2"));
    }

    [Fact]
    public void The_reading_path_covers_every_paper_with_prerequisites_first()
    {
        var library = Load.Value.Library;
        var path = library.ReadingPath();

        Assert.Equal(library.All.Count, path.Count);
        var position = path.Select((n, i) => (n.Slug, i)).ToDictionary(x => x.Slug, x => x.i);
        Assert.All(path, note => Assert.All(note.Prerequisites, p => Assert.True(position[p] < position[note.Slug], $"{p} before {note.Slug}")));
    }

    [Fact]
    public void Every_note_renders_within_discords_limits()
    {
        foreach (var note in Load.Value.Library.All)
        {
            var card = PaperCardRenderer.RenderCard(note);
            Assert.True(card.Description.Length is > 0 and <= DiscordLimits.EmbedDescription, note.Slug);
            Assert.All(PaperCardRenderer.RenderQuestions(note), m => Assert.True(m.Length <= DiscordLimits.MessageContent, note.Slug));
            Assert.All(PaperCardRenderer.RenderNote(note), m => Assert.True(m.Length <= DiscordLimits.MessageContent, note.Slug));
            Assert.True(PaperNoteSections.DiscussionQuestions(note.Body).Count >= PaperSection.MinimumQuestions, note.Slug);
        }
    }
}
