namespace StudyBot.Core.Papers;

/// <summary>Why a note (or one aspect of it) could not be loaded into the library.</summary>
/// <param name="File">The note's file, as given to the parser.</param>
/// <param name="Reason">A sentence a note author can act on, e.g. "missing 'title' in the front matter".</param>
public sealed record PaperLoadProblem(string File, string Reason)
{
    public override string ToString() => $"{File}: {Reason}";
}
