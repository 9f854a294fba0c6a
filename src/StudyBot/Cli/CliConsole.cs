namespace StudyBot.Cli;

/// <summary>Where a verb writes: standard output for results, standard error for diagnostics.</summary>
public sealed record CliConsole(TextWriter Out, TextWriter Error)
{
    public static CliConsole System { get; } = new(Console.Out, Console.Error);
}
