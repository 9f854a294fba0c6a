namespace StudyBot.Core.Papers;

/// <summary>The loaded paper library, as the rest of the bot sees it.</summary>
public interface IPaperCatalog
{
    IReadOnlyList<PaperNote> All { get; }

    /// <summary>Finds a paper by slug or id (case-insensitive); null when the library has no such paper.</summary>
    PaperNote? Find(string slugOrId);

    /// <summary>Papers whose title, slug, id, authors or tags match the query, best first.</summary>
    IReadOnlyList<PaperNote> Search(string query, int limit);

    /// <summary>A reading order that puts every prerequisite before the papers that need it. With a target slug,
    /// only the target and what it (transitively) requires.</summary>
    IReadOnlyList<PaperNote> ReadingPath(string? targetSlug = null);
}
