namespace StudyBot.Core.Papers;

/// <summary>The outcome of parsing one note: exactly one of <see cref="Note"/> and <see cref="Problem"/> is set.</summary>
public sealed record PaperParseResult
{
    private PaperParseResult(PaperNote? note, PaperLoadProblem? problem)
    {
        Note = note;
        Problem = problem;
    }

    public PaperNote? Note { get; }

    public PaperLoadProblem? Problem { get; }

    public bool Succeeded => Note is not null;

    public static PaperParseResult Success(PaperNote note) => new(note, null);

    public static PaperParseResult Failure(string file, string reason) => new(null, new PaperLoadProblem(file, reason));
}
