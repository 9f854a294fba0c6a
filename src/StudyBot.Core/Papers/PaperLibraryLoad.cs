namespace StudyBot.Core.Papers;

/// <summary>A loaded library together with everything that kept notes (or links between them) out of it.</summary>
public sealed record PaperLibraryLoad(PaperLibrary Library, IReadOnlyList<PaperLoadProblem> Problems);
