namespace StudyBot.Storage.Arxiv;

/// <summary>What arXiv says about one paper.</summary>
/// <param name="Id">The normalised, versionless arXiv id (see <see cref="StudyBot.Core.Papers.ArxivId"/>).</param>
/// <param name="Summary">The abstract, whitespace collapsed.</param>
/// <param name="AbsUrl">The paper's abstract page.</param>
public sealed record ArxivMetadata(string Id, string Title, IReadOnlyList<string> Authors, string Summary, int Year, string AbsUrl);
