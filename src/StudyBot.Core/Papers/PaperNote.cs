namespace StudyBot.Core.Papers;

/// <summary>One paper of the library: the YAML front matter of a note in <c>papers/</c> plus its Markdown body.</summary>
/// <param name="Id">arXiv id where one exists (e.g. "1706.03762"), otherwise the slug.</param>
/// <param name="Body">The Markdown after the front matter (sections: Summary, Key ideas, Why it matters,
/// Discussion questions, Try it).</param>
/// <param name="SourceFile">The file the note was read from (for error messages); empty for papers not from a file.</param>
public sealed record PaperNote(
    string Id,
    string Slug,
    string Title,
    IReadOnlyList<string> Authors,
    int Year,
    string Url,
    IReadOnlyList<string> Tags,
    PaperDifficulty Difficulty,
    IReadOnlyList<string> Prerequisites,
    int EstimatedMinutes,
    string Body,
    string SourceFile);
