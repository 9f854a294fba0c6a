namespace StudyBot.Core.Papers;

/// <summary>How well a note matches a search query: exact slug/id beats a title prefix, which beats title words,
/// which beat authors and tags alone; author and tag hits only break ties within a tier. Zero means no match.
/// Case-insensitive; query words match word prefixes ("transformer" finds "Transformers").</summary>
internal static class PaperSearchScore
{
    private const int ExactKey = 1000;
    private const int TitlePrefix = 500;
    private const int AllTitleWords = 300;
    private const int SomeTitleWords = 100;
    private const int SlugOrIdContains = 60;
    private const int AuthorOrTag = 40;
    private const int MaxAuthorOrTagBonus = 49;

    private static readonly char[] Separators = [' ', '\t', '-', '_', ':', ',', '.', '(', ')', '"', '\'', '/', '?', '!'];

    public static int Of(PaperNote note, string query)
    {
        var q = query.Trim();
        if (string.Equals(note.Slug, q, StringComparison.OrdinalIgnoreCase) || string.Equals(note.Id, q, StringComparison.OrdinalIgnoreCase)
            || (ArxivId.TryParse(q, out var arxivId) && string.Equals(note.Id, arxivId.Value, StringComparison.OrdinalIgnoreCase)))
        {
            return ExactKey;
        }

        var queryWords = Words(q);
        var primary = 0;
        if (note.Title.StartsWith(q, StringComparison.OrdinalIgnoreCase))
        {
            primary = TitlePrefix;
        }

        var titleWords = Words(note.Title);
        var matched = queryWords.Count(w => StartsAny(titleWords, w));
        if (queryWords.Length > 0 && matched == queryWords.Length)
        {
            primary = Math.Max(primary, AllTitleWords + matched);
        }
        else if (matched > 0)
        {
            primary = Math.Max(primary, SomeTitleWords + (10 * matched));
        }

        if (note.Slug.Contains(q, StringComparison.OrdinalIgnoreCase) || note.Id.Contains(q, StringComparison.OrdinalIgnoreCase))
        {
            primary = Math.Max(primary, SlugOrIdContains);
        }

        var authorWords = note.Authors.SelectMany(Words).ToArray();
        var tagWords = note.Tags.SelectMany(Words).ToArray();
        var hits = queryWords.Count(w => StartsAny(authorWords, w) || StartsAny(tagWords, w));
        var bonus = hits == 0 ? 0 : Math.Min(MaxAuthorOrTagBonus, AuthorOrTag + hits);
        return primary + bonus;
    }

    private static bool StartsAny(string[] words, string prefix) => words.Any(w => w.StartsWith(prefix, StringComparison.OrdinalIgnoreCase));

    private static string[] Words(string text) => text.Split(Separators, StringSplitOptions.RemoveEmptyEntries);
}
