using System.Text.RegularExpressions;

namespace StudyBot.Core.Rendering;

/// <summary>
/// Cuts rendered Discord text into chunks no longer than a limit (2000 for message content, 4096 for an embed
/// description). Cuts prefer, in order: before a section heading, between paragraphs, between lines, between
/// words — never inside a word (unless one "word" alone exceeds the limit) and never silently inside a fenced code
/// block: a code block too large for one chunk is closed at a line break and reopened, with its language, in the
/// next chunk. Whitespace at a cut is dropped; everything else is kept in order.
/// </summary>
public static partial class DiscordMessageSplitter
{
    /// <summary>The smallest limit that still leaves room to close and reopen a code fence.</summary>
    public const int MinimumLimit = 32;

    public static IReadOnlyList<string> Split(string text, int limit)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, MinimumLimit);

        text = text.Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd();
        if (text.Length == 0)
        {
            return [];
        }

        if (text.Length <= limit)
        {
            return [text];
        }

        var lines = TextLine.Read(text);
        var cuts = Candidates(text, lines);
        var chunks = new List<string>();
        var position = SkipWhitespace(text, 0);
        var reopen = string.Empty;
        while (position < text.Length)
        {
            if (reopen.Length + (text.Length - position) <= limit)
            {
                chunks.Add(reopen + text[position..].TrimEnd());
                break;
            }

            var budget = limit - reopen.Length;
            var cut = Choose(cuts, position, budget) ?? HardCut(text, lines, position, budget);
            var chunk = reopen + text[position..cut.End];
            if (cut.Fence is { } open)
            {
                chunk += "\n" + open.Closer;
                // A very long info string would eat the next chunk; the bare fence keeps the code a code block.
                reopen = (open.Opener.Length + open.Overhead <= limit / 4 ? open.Opener : open.Closer) + "\n";
            }
            else
            {
                reopen = string.Empty;
            }

            chunks.Add(chunk);
            position = cut.NextStart;
        }

        return chunks;
    }

    private static Cut? Choose(List<Cut> cuts, int position, int budget)
    {
        // A strong boundary is only worth taking if the chunk it closes is not tiny.
        var threshold = budget / 3;
        Cut? best = null;
        Cut? fallback = null;
        foreach (var cut in cuts)
        {
            if (cut.End <= position)
            {
                continue;
            }

            if (cut.End - position + cut.Overhead > budget)
            {
                break;
            }

            if (fallback is null || cut.Kind >= fallback.Value.Kind)
            {
                fallback = cut;
            }

            if (cut.End - position >= threshold && (best is null || cut.Kind >= best.Value.Kind))
            {
                best = cut;
            }
        }

        return best ?? fallback;
    }

    private static Cut HardCut(string text, IReadOnlyList<TextLine> lines, int position, int budget)
    {
        var line = lines.Last(l => l.Start <= position);
        var fence = line.Fence;
        var room = Math.Max(1, budget - (fence?.Overhead ?? 0));
        var end = Math.Min(text.Length, position + room);
        if (end < text.Length && char.IsHighSurrogate(text[end - 1]) && end - 1 > position)
        {
            end--;
        }

        return new Cut(end, end, CutKind.Word, fence);
    }

    private static List<Cut> Candidates(string text, IReadOnlyList<TextLine> lines)
    {
        var cuts = new List<Cut>();
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            if (i > 0 && !line.IsBlank)
            {
                var previous = lines[i - 1];
                var end = TrimEndIndex(text, line.Start);
                if (line.IsFenceCloser)
                {
                    // Cutting right before a closing fence would leave an empty reopened block.
                }
                else if (line.Fence is { } fence && !line.IsFenceOpener)
                {
                    if (ReferenceEquals(previous.Fence, fence) && !previous.IsFenceOpener)
                    {
                        cuts.Add(new Cut(previous.End, line.Start, CutKind.CodeLine, fence));
                    }
                }
                else
                {
                    var kind = !previous.IsBlank ? CutKind.Line : line.IsSectionStart ? CutKind.Section : CutKind.Paragraph;
                    cuts.Add(new Cut(end, line.Start, kind, null));
                }
            }

            AddWordCuts(text, line, cuts);
        }

        cuts.Sort((a, b) => a.End.CompareTo(b.End));
        return cuts;
    }

    private static void AddWordCuts(string text, TextLine line, List<Cut> cuts)
    {
        if (line.IsFenceOpener || line.IsFenceCloser)
        {
            return;
        }

        var index = line.Start;
        while (index < line.End && text[index] == ' ')
        {
            index++;
        }

        // Never leave a list marker or quote marker alone at the end of a chunk.
        var marker = LineMarker().Match(text, index, line.End - index);
        if (marker.Success && line.Fence is null)
        {
            index += marker.Length;
        }

        while (index < line.End)
        {
            if (text[index] is ' ' or '\t')
            {
                var spaceStart = index;
                while (index < line.End && text[index] is ' ' or '\t')
                {
                    index++;
                }

                if (index < line.End)
                {
                    cuts.Add(new Cut(spaceStart, index, CutKind.Word, line.Fence));
                }
            }
            else
            {
                index++;
            }
        }
    }

    private static int TrimEndIndex(string text, int end)
    {
        while (end > 0 && char.IsWhiteSpace(text[end - 1]))
        {
            end--;
        }

        return end;
    }

    private static int SkipWhitespace(string text, int index)
    {
        while (index < text.Length && text[index] == '\n')
        {
            index++;
        }

        return index;
    }

    [GeneratedRegex(@"\G(?:[-*+>]|\d{1,9}[.)])[ \t]+", RegexOptions.CultureInvariant)]
    private static partial Regex LineMarker();

    internal static bool LooksLikeSectionStart(string line) => SectionStart().IsMatch(line);

    [GeneratedRegex(@"^(?:#{1,3} \S|\*\*[^*\s].*\*\*\s*$|__\*\*.*\*\*__\s*$)", RegexOptions.CultureInvariant)]
    private static partial Regex SectionStart();

    private enum CutKind
    {
        Word = 1,
        CodeLine = 2,
        Line = 3,
        Paragraph = 4,
        Section = 5,
    }

    /// <summary>A place to cut: the chunk ends at <see cref="End"/>, the next one starts at <see cref="NextStart"/>;
    /// <see cref="Fence"/> is set when the cut falls inside a code block that must be closed and reopened.</summary>
    private readonly record struct Cut(int End, int NextStart, CutKind Kind, CodeFence? Fence)
    {
        public int Overhead => Fence?.Overhead ?? 0;
    }
}
