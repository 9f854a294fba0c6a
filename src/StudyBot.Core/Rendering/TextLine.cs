namespace StudyBot.Core.Rendering;

/// <summary>One line of text to split, with whether it sits inside a fenced code block.</summary>
/// <param name="Start">Index of the line's first character.</param>
/// <param name="End">Index just past the line's last character (excluding the newline).</param>
/// <param name="Fence">The code block the line belongs to (opener, content or closer); null outside code.</param>
internal sealed record TextLine(int Start, int End, bool IsBlank, bool IsSectionStart, CodeFence? Fence, bool IsFenceOpener, bool IsFenceCloser)
{
    public static IReadOnlyList<TextLine> Read(string text)
    {
        var lines = new List<TextLine>();
        CodeFence? open = null;
        var marker = '\0';
        var markerLength = 0;
        var start = 0;
        while (start <= text.Length)
        {
            var newline = text.IndexOf('\n', start);
            var end = newline < 0 ? text.Length : newline;
            var content = text[start..end];
            var trimmed = content.TrimStart();
            var run = FenceRun(trimmed);
            if (open is null && run.Length >= 3)
            {
                marker = trimmed[0];
                markerLength = run.Length;
                open = new CodeFence(content.TrimEnd(), content[..(content.Length - trimmed.Length)] + run);
                lines.Add(new TextLine(start, end, false, false, open, true, false));
            }
            else if (open is not null && run.Length >= markerLength && trimmed[0] == marker && trimmed.Trim().Length == run.Length)
            {
                lines.Add(new TextLine(start, end, false, false, open, false, true));
                open = null;
            }
            else
            {
                var blank = open is null && trimmed.Length == 0;
                var section = open is null && DiscordMessageSplitter.LooksLikeSectionStart(content);
                lines.Add(new TextLine(start, end, blank, section, open, false, false));
            }

            if (newline < 0)
            {
                break;
            }

            start = newline + 1;
        }

        return lines;
    }

    private static string FenceRun(string trimmed)
    {
        if (trimmed.Length < 3 || (trimmed[0] != '`' && trimmed[0] != '~'))
        {
            return string.Empty;
        }

        var length = 0;
        while (length < trimmed.Length && trimmed[length] == trimmed[0])
        {
            length++;
        }

        return length >= 3 ? trimmed[..length] : string.Empty;
    }
}
