using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Markdig;
using Markdig.Extensions.Tables;
using Markdig.Extensions.Yaml;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace StudyBot.Core.Rendering;

/// <summary>
/// Markdown (CommonMark + pipe tables) → the Markdown dialect Discord shows. Headings become bold lines (one style for
/// every level, so messages and embeds look the same); emphasis, inline code, fenced code with its language, links,
/// nested lists and quotes are kept; tables become aligned text in a code block, images become links, HTML is
/// reduced to its text. Characters Discord would read as formatting are escaped in plain text.
/// </summary>
public static partial class DiscordMarkdown
{
    private const string Indent = "  ";

    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .UseYamlFrontMatter()
        .UsePipeTables()
        .UseEmphasisExtras()
        .UseAutoLinks()
        .Build();

    public static string Render(string markdown)
    {
        ArgumentNullException.ThrowIfNull(markdown);
        var document = Markdown.Parse(markdown.Replace("\r\n", "\n", StringComparison.Ordinal), Pipeline);
        return RenderBlocks(document, "\n\n").Trim('\n');
    }

    private static string RenderBlocks(ContainerBlock container, string separator)
    {
        var parts = new List<string>();
        foreach (var block in container)
        {
            var rendered = RenderBlock(block);
            if (!string.IsNullOrWhiteSpace(rendered))
            {
                parts.Add(rendered.TrimEnd('\n'));
            }
        }

        return string.Join(separator, parts);
    }

    private static string RenderBlock(Block block) => block switch
    {
        YamlFrontMatterBlock or LinkReferenceDefinitionGroup or BlankLineBlock => string.Empty,
        HeadingBlock heading => $"**{EscapeText(PlainText.Of(heading.Inline))}**",
        ParagraphBlock paragraph => RenderInlines(paragraph.Inline).Trim(),
        FencedCodeBlock fenced => CodeFence(fenced.Info, fenced.Lines.ToString()),
        HtmlBlock html => HtmlToText(html.Lines.ToString()),
        CodeBlock code => CodeFence(null, code.Lines.ToString()),
        QuoteBlock quote => Prefix(RenderBlocks(quote, "\n\n"), "> ", ">"),
        ListBlock list => RenderList(list),
        ThematicBreakBlock => "───────────",
        Table table => RenderTable(table),
        ContainerBlock container => RenderBlocks(container, "\n\n"),
        LeafBlock leaf => EscapeText(leaf.Lines.ToString()),
        _ => string.Empty,
    };

    private static string RenderList(ListBlock list)
    {
        var builder = new StringBuilder();
        var number = list.IsOrdered && int.TryParse(list.OrderedStart, NumberStyles.Integer, CultureInfo.InvariantCulture, out var start) ? start : 1;
        foreach (var item in list.OfType<ListItemBlock>())
        {
            var marker = list.IsOrdered ? $"{number++.ToString(CultureInfo.InvariantCulture)}. " : "- ";
            var content = RenderBlocks(item, "\n");
            var lines = content.Split('\n');
            builder.Append(marker).Append(lines[0]).Append('\n');
            foreach (var line in lines.Skip(1))
            {
                // Continuation lines and nested lists sit under the item's text, as Discord expects for nesting.
                builder.Append(line.Length == 0 ? string.Empty : Indent + line).Append('\n');
            }
        }

        return builder.ToString().TrimEnd('\n');
    }

    private static string RenderTable(Table table)
    {
        var rows = table.OfType<TableRow>()
            .Select(row => row.OfType<TableCell>().Select(cell => string.Join(" ", cell.OfType<ParagraphBlock>().Select(p => PlainText.Of(p.Inline)))).ToList())
            .ToList();
        var columns = rows.Count == 0 ? 0 : rows.Max(r => r.Count);
        var widths = Enumerable.Range(0, columns).Select(c => rows.Max(r => c < r.Count ? r[c].Length : 0)).ToArray();
        var builder = new StringBuilder();
        for (var r = 0; r < rows.Count; r++)
        {
            var cells = Enumerable.Range(0, columns).Select(c => (c < rows[r].Count ? rows[r][c] : string.Empty).PadRight(widths[c]));
            builder.Append(string.Join(" | ", cells).TrimEnd()).Append('\n');
            if (r == 0 && table.OfType<TableRow>().First().IsHeader)
            {
                builder.Append(string.Join("-+-", widths.Select(w => new string('-', Math.Max(w, 1))))).Append('\n');
            }
        }

        return CodeFence(null, builder.ToString());
    }

    private static string CodeFence(string? language, string code)
    {
        var body = code.TrimEnd('\n');
        // A body that itself contains ``` would end a ``` fence early; Discord has no longer fences, so break the run.
        body = body.Replace("```", "`\u200b``", StringComparison.Ordinal);
        return $"```{language?.Trim() ?? string.Empty}\n{body}\n```";
    }

    private static string Prefix(string text, string prefix, string emptyLinePrefix) =>
        string.Join("\n", text.Split('\n').Select(line => line.Length == 0 ? emptyLinePrefix : prefix + line));

    private static string RenderInlines(ContainerInline? container)
    {
        var builder = new StringBuilder();
        for (var inline = container?.FirstChild; inline is not null; inline = inline.NextSibling)
        {
            AppendInline(builder, inline);
        }

        return builder.ToString();
    }

    private static void AppendInline(StringBuilder builder, Inline inline)
    {
        switch (inline)
        {
            case LiteralInline literal:
                builder.Append(EscapeText(literal.Content.ToString()));
                break;
            case CodeInline code:
                var fence = code.Content.Contains('`', StringComparison.Ordinal) ? "``" : "`";
                var padding = code.Content.StartsWith('`') || code.Content.EndsWith('`') ? " " : string.Empty;
                builder.Append(fence).Append(padding).Append(code.Content).Append(padding).Append(fence);
                break;
            case EmphasisInline emphasis:
                var marker = emphasis.DelimiterChar switch
                {
                    '~' => "~~",
                    _ => emphasis.DelimiterCount >= 2 ? "**" : "*",
                };
                builder.Append(marker).Append(RenderInlines(emphasis)).Append(marker);
                break;
            case LinkInline { IsImage: true } image:
                var alt = PlainText.Of(image);
                builder.Append('[').Append(EscapeLinkText(alt.Length == 0 ? "image" : "image: " + alt)).Append("](").Append(image.Url).Append(')');
                break;
            case LinkInline link when link.IsAutoLink:
                builder.Append(link.Url);
                break;
            case LinkInline link:
                var text = RenderInlines(link);
                if (text.Length == 0 || string.Equals(PlainText.Of(link), link.Url, StringComparison.Ordinal))
                {
                    builder.Append(link.Url);
                }
                else
                {
                    builder.Append('[').Append(text.Replace("]", "\\]", StringComparison.Ordinal)).Append("](").Append(link.Url).Append(')');
                }

                break;
            case AutolinkInline autolink:
                builder.Append(autolink.Url);
                break;
            case LineBreakInline lineBreak:
                builder.Append(lineBreak.IsHard ? "\n" : " ");
                break;
            case HtmlEntityInline entity:
                builder.Append(EscapeText(entity.Transcoded.ToString()));
                break;
            case HtmlInline html:
                if (BreakTag().IsMatch(html.Tag))
                {
                    builder.Append('\n');
                }

                break;
            case ContainerInline container:
                builder.Append(RenderInlines(container));
                break;
        }
    }

    private static string HtmlToText(string html)
    {
        var text = BreakTag().Replace(html, "\n");
        text = AnyTag().Replace(text, string.Empty);
        text = System.Net.WebUtility.HtmlDecode(text);
        return EscapeText(string.Join("\n", text.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0)));
    }

    private static string EscapeLinkText(string text) => EscapeText(text).Replace("]", "\\]", StringComparison.Ordinal);

    /// <summary>Backslash-escapes what Discord would otherwise read as formatting in plain text.</summary>
    private static string EscapeText(string text)
    {
        var escaped = SpecialCharacters().Replace(text, @"\$0");
        // '#', '>' and '-' only mean something at the start of a line (headers, quotes, lists).
        return LineStartMarker().Replace(escaped, @"$1\$2");
    }

    [GeneratedRegex(@"[\\*_~`|]", RegexOptions.CultureInvariant)]
    private static partial Regex SpecialCharacters();

    [GeneratedRegex(@"(^|\n)([#>]|-(?= ))", RegexOptions.CultureInvariant)]
    private static partial Regex LineStartMarker();

    [GeneratedRegex(@"<br\s*/?>", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex BreakTag();

    [GeneratedRegex(@"<[^>]*>", RegexOptions.CultureInvariant)]
    private static partial Regex AnyTag();
}
