namespace StudyBot.Core.Commands.Handlers;

/// <summary>Keeps generated text inside Discord's limits, cutting at line or word boundaries.</summary>
internal static class TextLimits
{
    public static string Fit(string text, int max)
    {
        if (text.Length <= max)
        {
            return text;
        }

        var cut = text.LastIndexOf('\n', max - 2);
        if (cut < max / 2)
        {
            cut = text.LastIndexOf(' ', max - 2);
        }

        if (cut <= 0)
        {
            cut = max - 1;
        }

        return text[..cut].TrimEnd() + "…";
    }

    /// <summary>Lines joined until the next would exceed <paramref name="max"/>; then a note of how many were left out.</summary>
    public static string JoinLines(IReadOnlyList<string> lines, int max)
    {
        var result = new System.Text.StringBuilder();
        for (var i = 0; i < lines.Count; i++)
        {
            var more = $"\n…and {lines.Count - i} more";
            if (result.Length + lines[i].Length + 1 + more.Length > max)
            {
                result.Append(more);
                break;
            }

            if (result.Length > 0)
            {
                result.Append('\n');
            }

            result.Append(lines[i]);
        }

        return result.ToString();
    }
}
