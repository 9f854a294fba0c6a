namespace StudyBot.Cli.Papers;

/// <summary>Validates the library: exit code 1 when any note has a problem (for editors of <c>papers/</c>).</summary>
public sealed class PapersCheckVerb : ICliVerb
{
    public string Name => "papers check";

    public string Summary => "Check every note of the library; exit 1 if any note has a problem.";

    public string Usage => "[--papers DIR]";

    public async Task<int> RunAsync(CliArguments arguments, CliConsole console, CancellationToken cancellationToken)
    {
        var load = PaperLibraryCli.Load(arguments, console);
        arguments.EnsureAllConsumed();
        await console.Out.WriteLineAsync($"{load.Library.All.Count} papers loaded, {load.Problems.Count} problems");
        return load.Problems.Count == 0 ? 0 : 1;
    }
}
