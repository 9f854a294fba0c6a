using System.Text;
using Markdig.Syntax.Inlines;

namespace StudyBot.Core.Rendering;

/// <summary>The visible text of inline Markdown, without any formatting (for headings, table cells, comparisons).</summary>
internal static class PlainText
{
    public static string Of(ContainerInline? inlines)
    {
        var builder = new StringBuilder();
        Append(builder, inlines);
        return builder.ToString().Trim();
    }

    private static void Append(StringBuilder builder, Inline? inline)
    {
        switch (inline)
        {
            case null:
                return;
            case LiteralInline literal:
                builder.Append(literal.Content.AsSpan());
                break;
            case CodeInline code:
                builder.Append(code.Content);
                break;
            case AutolinkInline autolink:
                builder.Append(autolink.Url);
                break;
            case HtmlEntityInline entity:
                builder.Append(entity.Transcoded.AsSpan());
                break;
            case LineBreakInline:
                builder.Append(' ');
                break;
            case ContainerInline container:
                for (var child = container.FirstChild; child is not null; child = child.NextSibling)
                {
                    Append(builder, child);
                }

                break;
        }
    }
}
