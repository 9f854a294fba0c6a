namespace StudyBot.FineTune;

/// <summary>The program and arguments that train one run folder.</summary>
public sealed record TrainerCommandLine(string FileName, IReadOnlyList<string> Arguments)
{
    public override string ToString() => FileName + " " + string.Join(' ', Arguments);
}
