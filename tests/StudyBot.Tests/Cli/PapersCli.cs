using StudyBot.Cli;
using StudyBot.Cli.Papers;

namespace StudyBot.Tests.Cli;

/// <summary>Runs the papers verbs through the real verb table with captured output, on the checkout's <c>papers/</c>.</summary>
internal static class PapersCli
{
    public static string PapersDirectory { get; } = Path.Combine(FindRepositoryRoot(), "papers");

    public static async Task<CliRun> RunAsync(params string[] args)
    {
        var verbs = new CliVerbTable { new PapersListVerb(), new PapersShowVerb(), new PapersPathVerb(), new PapersCheckVerb() };
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = await verbs.RunAsync(args, new CliConsole(output, error), CancellationToken.None);
        return new CliRun(exitCode, output.ToString(), error.ToString());
    }

    private static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "StudyBot.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"no StudyBot.sln above {AppContext.BaseDirectory}");
    }
}

/// <summary>What one command line printed and returned.</summary>
internal sealed record CliRun(int ExitCode, string Output, string Error)
{
    public override string ToString() => $"exit {ExitCode}\nstdout:\n{Output}\nstderr:\n{Error}";
}
