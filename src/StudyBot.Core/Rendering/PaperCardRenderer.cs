using System.Globalization;
using System.Text;
using StudyBot.Core.Papers;

namespace StudyBot.Core.Rendering;

/// <summary>What the bot posts about a paper: an info card for an embed, the discussion questions, or the whole note,
/// always within Discord's limits.</summary>
public static class PaperCardRenderer
{
    private const string More = "\n…";

    public static PaperCard RenderCard(PaperNote note)
    {
        ArgumentNullException.ThrowIfNull(note);
        var title = DiscordText.Truncate(note.Title, DiscordLimits.EmbedTitle);
        var fields = new List<PaperCardField>
        {
            Field("Authors", AuthorList(note.Authors), inline: false),
            Field("Year", note.Year.ToString(CultureInfo.InvariantCulture), inline: true),
            Field("Difficulty", note.Difficulty.ToString().ToLowerInvariant(), inline: true),
            Field("Reading time", $"~{note.EstimatedMinutes.ToString(CultureInfo.InvariantCulture)} min", inline: true),
        };
        if (ArxivId.TryParse(note.Id, out var arxivId))
        {
            fields.Add(Field("arXiv", arxivId.Value, inline: true));
        }

        fields.Add(Field("Tags", note.Tags.Count == 0 ? "none" : string.Join(", ", note.Tags), inline: true));
        fields.Add(Field("Prerequisites", note.Prerequisites.Count == 0 ? "none" : string.Join(", ", note.Prerequisites.Select(p => $"`{p}`")), inline: false));

        // The embed as a whole must stay under Discord's total, so the description gets what the rest leaves.
        var used = title.Length + fields.Sum(f => f.Name.Length + f.Value.Length);
        var descriptionRoom = Math.Min(DiscordLimits.EmbedDescription, DiscordLimits.EmbedTotal - used);
        var summary = PaperNoteSections.Get(note.Body, PaperSection.Summary) ?? string.Empty;
        var description = FirstChunk(DiscordMarkdown.Render(summary), descriptionRoom);
        return new PaperCard(title, note.Url, description, fields);
    }

    /// <summary>The discussion questions as a numbered list under a bold title, split into messages of at most
    /// <paramref name="limit"/> characters.</summary>
    public static IReadOnlyList<string> RenderQuestions(PaperNote note, int limit = DiscordLimits.MessageContent)
    {
        ArgumentNullException.ThrowIfNull(note);
        var markdown = new StringBuilder();
        markdown.Append("# Discussion questions: ").Append(note.Title).Append("\n\n");
        var number = 1;
        foreach (var question in PaperNoteSections.DiscussionQuestions(note.Body))
        {
            markdown.Append(number++.ToString(CultureInfo.InvariantCulture)).Append(". ").Append(question).Append('\n');
        }

        return DiscordMessageSplitter.Split(DiscordMarkdown.Render(markdown.ToString()), limit);
    }

    /// <summary>One section of the note (e.g. <see cref="PaperSection.TryIt"/>) under a bold heading, split into
    /// messages; empty when the note has no such section.</summary>
    public static IReadOnlyList<string> RenderSection(PaperNote note, string section, int limit = DiscordLimits.MessageContent)
    {
        ArgumentNullException.ThrowIfNull(note);
        var markdown = PaperNoteSections.Get(note.Body, section);
        return markdown is null ? [] : DiscordMessageSplitter.Split(DiscordMarkdown.Render($"# {section}\n\n{markdown}"), limit);
    }

    /// <summary>The whole note (title line, then every section) split into messages at section boundaries.</summary>
    public static IReadOnlyList<string> RenderNote(PaperNote note, int limit = DiscordLimits.MessageContent)
    {
        ArgumentNullException.ThrowIfNull(note);
        var header = $"# {note.Title} ({note.Year.ToString(CultureInfo.InvariantCulture)})\n\n<{note.Url}>\n\n";
        return DiscordMessageSplitter.Split(DiscordMarkdown.Render(header + note.Body), limit);
    }

    private static PaperCardField Field(string name, string value, bool inline) =>
        new(name, DiscordText.Truncate(value, DiscordLimits.EmbedFieldValue), inline);

    private static string AuthorList(IReadOnlyList<string> authors)
    {
        var all = string.Join(", ", authors);
        if (all.Length <= DiscordLimits.EmbedFieldValue)
        {
            return all;
        }

        // Name as many authors as fit, then say how many were left out rather than cutting a name in half.
        var builder = new StringBuilder();
        for (var i = 0; i < authors.Count; i++)
        {
            var tail = $" and {(authors.Count - i).ToString(CultureInfo.InvariantCulture)} more";
            var next = (i == 0 ? string.Empty : ", ") + authors[i];
            if (builder.Length + next.Length + tail.Length > DiscordLimits.EmbedFieldValue)
            {
                return builder.Append(tail).ToString();
            }

            builder.Append(next);
        }

        return builder.ToString();
    }

    private static string FirstChunk(string rendered, int limit)
    {
        if (rendered.Length <= limit)
        {
            return rendered;
        }

        var chunks = DiscordMessageSplitter.Split(rendered, Math.Max(DiscordMessageSplitter.MinimumLimit, limit - More.Length));
        return chunks.Count == 0 ? string.Empty : chunks[0] + More;
    }
}
