namespace StudyBot.Core.Rendering;

/// <summary>Small helpers for fitting plain text into Discord's fields.</summary>
public static class DiscordText
{
    private const string Ellipsis = "…";

    /// <summary>The text unchanged if it fits, otherwise cut at the last space that fits and ended with "…".</summary>
    public static string Truncate(string text, int maxLength)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLength, 1);
        if (text.Length <= maxLength)
        {
            return text;
        }

        var room = maxLength - Ellipsis.Length;
        var cut = text.LastIndexOf(' ', Math.Max(0, room));
        if (cut <= room / 2)
        {
            cut = room;
            if (cut > 0 && char.IsHighSurrogate(text[cut - 1]))
            {
                cut--;
            }
        }

        return text[..cut].TrimEnd() + Ellipsis;
    }
}
