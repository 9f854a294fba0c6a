using System.Text.RegularExpressions;
using Markdig;
using Markdig.Syntax;
using StudyBot.Core.Rendering;

namespace StudyBot.Core.Papers;

/// <summary>Reads the level-2 sections of a note body (see <see cref="PaperSection"/>).</summary>
public static partial class PaperNoteSections
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().UsePipeTables().UseEmphasisExtras().Build();

    /// <summary>The Markdown of the section under <c>## heading</c> (case-insensitive), without the heading; null when absent.</summary>
    public static string? Get(string body, string heading)
    {
        ArgumentNullException.ThrowIfNull(body);
        var document = Markdown.Parse(body, Pipeline);
        var headings = document.OfType<HeadingBlock>().Where(h => h.Level <= 2).ToList();
        for (var i = 0; i < headings.Count; i++)
        {
            if (headings[i].Level == 2 && string.Equals(PlainText.Of(headings[i].Inline), heading, StringComparison.OrdinalIgnoreCase))
            {
                var start = headings[i].Span.End + 1;
                var end = i + 1 < headings.Count ? headings[i + 1].Span.Start : body.Length;
                return start >= end ? string.Empty : body[start..end].Trim();
            }
        }

        return null;
    }

    /// <summary>The titles of the level-2 sections, in order.</summary>
    public static IReadOnlyList<string> Headings(string body) =>
        Markdown.Parse(body, Pipeline).OfType<HeadingBlock>().Where(h => h.Level == 2).Select(h => PlainText.Of(h.Inline)).ToList();

    /// <summary>The items of the first numbered list under "Discussion questions", each as one line of Markdown.</summary>
    public static IReadOnlyList<string> DiscussionQuestions(string body)
    {
        var section = Get(body, PaperSection.DiscussionQuestions);
        if (string.IsNullOrEmpty(section))
        {
            return [];
        }

        var list = Markdown.Parse(section, Pipeline).Descendants<ListBlock>().FirstOrDefault(l => l.IsOrdered);
        if (list is null)
        {
            return [];
        }

        var questions = new List<string>();
        foreach (var item in list.OfType<ListItemBlock>())
        {
            var raw = section.Substring(item.Span.Start, Math.Min(item.Span.Length, section.Length - item.Span.Start));
            var text = Whitespace().Replace(ListMarker().Replace(raw, string.Empty), " ").Trim();
            if (text.Length > 0)
            {
                questions.Add(text);
            }
        }

        return questions;
    }

    [GeneratedRegex(@"^\s*\d{1,9}[.)]\s*", RegexOptions.CultureInvariant)]
    private static partial Regex ListMarker();

    [GeneratedRegex(@"\s+", RegexOptions.CultureInvariant)]
    private static partial Regex Whitespace();
}
