namespace StudyBot.Core.Papers;

/// <summary>How well a note matches a search query: exact slug/id beats a title prefix, which beats title words,
/// which beat authors and tags. Zero means no match. Case-insensitive throughout.</summary>
internal static class PaperSearchScore
{
    private const int ExactKey = 1000;
    private const int TitlePrefix = 500;
    private const int AllTitleWords = 300;
    private const int TitleWord = 100;
    private const int SlugOrIdContains = 60;
    private const int AuthorOrTag = 40;

    private static readonly char[] Separators = [' ', '\t', '-', ':', ',', '.', '(', ')', '"', '\'', '/', '?', '!'];

    public static int Of(PaperNote note, string query)
    {
        var q = query.Trim();
        if (string.Equals(note.Slug, q, StringComparison.OrdinalIgnoreCase) || string.Equals(note.Id, q, StringComparison.OrdinalIgnoreCase)
            || (ArxivId.TryParse(q, out var arxivId) && string.Equals(note.Id, arxivId.Value, StringComparison.OrdinalIgnoreCase)))
        {
            return ExactKey;
        }

        var score = 0;
        if (note.Title.StartsWith(q, StringComparison.OrdinalIgnoreCase))
        {
            score = Math.Max(score, TitlePrefix);
        }

        var queryWords = Words(q);
        var titleWords = Words(note.Title);
        var matched = queryWords.Count(w => titleWords.Any(t => t.StartsWith(w, StringComparison.OrdinalIgnoreCase)));
        if (queryWords.Length > 0 && matched == queryWords.Length)
        {
            score = Math.Max(score, AllTitleWords + matched);
        }
        else if (matched > 0)
        {
            score = Math.Max(score, TitleWord + (10 * matched));
        }

        if (note.Slug.Contains(q, StringComparison.OrdinalIgnoreCase) || note.Id.Contains(q, StringComparison.OrdinalIgnoreCase))
        {
            score = Math.Max(score, SlugOrIdContains);
        }

        var authorOrTagHits = queryWords.Count(w =>
            note.Authors.Any(a => Words(a).Any(p => p.StartsWith(w, StringComparison.OrdinalIgnoreCase)))
            || note.Tags.Any(t => t.Equals(w, StringComparison.OrdinalIgnoreCase) || t.Equals(q, StringComparison.OrdinalIgnoreCase)));
        if (authorOrTagHits > 0)
        {
            score = Math.Max(score, AuthorOrTag + authorOrTagHits);
        }

        return score;
    }

    private static string[] Words(string text) => text.Split(Separators, StringSplitOptions.RemoveEmptyEntries);
}
