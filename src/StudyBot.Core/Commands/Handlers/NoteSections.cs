namespace StudyBot.Core.Commands.Handlers;

/// <summary>Finds a "## Heading" section of a paper note's Markdown body.</summary>
internal static class NoteSections
{
    public static string? Find(string body, string heading)
    {
        var lines = body.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var start = Array.FindIndex(lines, l => IsHeading(l) && l.TrimStart('#', ' ').Trim().Equals(heading, StringComparison.OrdinalIgnoreCase));
        if (start < 0)
        {
            return null;
        }

        var end = Array.FindIndex(lines, start + 1, IsHeading);
        var section = lines[(start + 1)..(end < 0 ? lines.Length : end)];
        var text = string.Join('\n', section).Trim();
        return text.Length == 0 ? null : text;
    }

    private static bool IsHeading(string line) => line.StartsWith('#');
}
