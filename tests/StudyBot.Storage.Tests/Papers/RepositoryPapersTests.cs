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
    public void Gpt2_which_is_not_on_arxiv_links_openais_pdf()
    {
        var gpt2 = Load.Value.Library.Find("gpt-2");

        Assert.NotNull(gpt2);
        Assert.Equal("https://cdn.openai.com/better-language-models/language_models_are_unsupervised_multitask_learners.pdf", gpt2.Url);
    }

    [Theory]
    [InlineData("2106.09685")] // LoRA
    [InlineData("gpt-2")]
    [InlineData("1711.05101")] // AdamW
    public void Try_it_of_the_trainable_papers_points_at_finetune(string id)
    {
        var note = Load.Value.Library.Find(id);

        Assert.NotNull(note);
        var tryIt = PaperNoteSections.Get(note.Body, PaperSection.TryIt);
        Assert.False(string.IsNullOrWhiteSpace(tryIt), $"{note.Slug} has no '{PaperSection.TryIt}' section");
        Assert.Contains("/finetune", tryIt, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_note_has_at_least_five_discussion_questions_and_every_required_section()
    {
        Assert.All(Load.Value.Library.All, note =>
        {
            var questions = PaperNoteSections.DiscussionQuestions(note.Body);
            Assert.True(questions.Count >= 5, $"{note.Slug} has {questions.Count} discussion questions");
            Assert.All(questions, q => Assert.True(q.Length >= 20, $"{note.Slug}: '{q}' is not a discussion question"));
            Assert.Equal(questions.Count, questions.Distinct(StringComparer.Ordinal).Count());
            Assert.All(PaperSection.Required, section => Assert.False(string.IsNullOrWhiteSpace(PaperNoteSections.Get(note.Body, section)), $"{note.Slug} lacks '{section}'"));
        });
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
