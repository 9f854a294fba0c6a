using System.Globalization;
using System.Text;

namespace StudyBot.Core.Tests.Papers;

/// <summary>Builds the text of a note in the library's format, with any field or section overridden.</summary>
internal sealed record NoteText
{
    public string? Id { get; init; } = "\"1706.03762\"";
    public string? Slug { get; init; } = "transformer";
    public string? Title { get; init; } = "\"Attention Is All You Need\"";
    public string? Authors { get; init; } = "[\"Ashish Vaswani\", \"Noam Shazeer\"]";
    public string? Year { get; init; } = "2017";
    public string? Url { get; init; } = "\"https://arxiv.org/abs/1706.03762\"";
    public string? Tags { get; init; } = "[transformers, attention, nlp]";
    public string? Difficulty { get; init; } = "intermediate";
    public string? Prerequisites { get; init; } = "[]";
    public string? EstimatedMinutes { get; init; } = "90";
    public string? Extra { get; init; }
    public int Questions { get; init; } = 5;
    public IReadOnlyList<string> OmitSections { get; init; } = [];

    public static NoteText For(string slug, string? id = null, int year = 2020, params string[] prerequisites) => new()
    {
        Id = id is null ? null : $"\"{id}\"",
        Slug = slug,
        Title = $"\"Paper {slug}\"",
        Year = year.ToString(CultureInfo.InvariantCulture),
        Url = $"\"https://example.org/{slug}\"",
        Prerequisites = "[" + string.Join(", ", prerequisites) + "]",
    };

    public override string ToString()
    {
        var b = new StringBuilder("---\n");
        Add(b, "id", Id);
        Add(b, "slug", Slug);
        Add(b, "title", Title);
        Add(b, "authors", Authors);
        Add(b, "year", Year);
        Add(b, "url", Url);
        Add(b, "tags", Tags);
        Add(b, "difficulty", Difficulty);
        Add(b, "prerequisites", Prerequisites);
        Add(b, "estimated_minutes", EstimatedMinutes);
        if (Extra is not null)
        {
            b.Append(Extra).Append('\n');
        }

        b.Append("---\n\n");
        Section(b, "Summary", "The model uses **attention** only. See [the paper](https://arxiv.org/abs/1706.03762).");
        Section(b, "Key ideas", "- Scaled dot-product attention\n- Multi-head attention\n  - nested detail");
        Section(b, "Why it matters", "Everything since builds on it.");
        var questions = new StringBuilder();
        for (var i = 1; i <= Questions; i++)
        {
            questions.Append(i.ToString(CultureInfo.InvariantCulture)).Append(". Question number ").Append(i.ToString(CultureInfo.InvariantCulture)).Append("?\n");
        }

        Section(b, "Discussion questions", questions.ToString());
        Section(b, "Try it", "```python\nprint('attention')\n```");
        return b.ToString();
    }

    private static void Add(StringBuilder b, string key, string? value)
    {
        if (value is not null)
        {
            b.Append(key).Append(": ").Append(value).Append('\n');
        }
    }

    private void Section(StringBuilder b, string heading, string content)
    {
        if (!OmitSections.Contains(heading))
        {
            b.Append("## ").Append(heading).Append('\n').Append(content.TrimEnd()).Append("\n\n");
        }
    }
}
