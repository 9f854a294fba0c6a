using StudyBot.Core.Papers;
using StudyBot.Storage.Papers;

namespace StudyBot.Cli.Papers;

/// <summary>Loads the library for a papers verb and reports problem notes on standard error.</summary>
internal static class PaperLibraryCli
{
    public static PaperLibraryLoad Load(CliArguments arguments, CliConsole console)
    {
        var directory = PapersDirectory.Resolve(arguments.Option("papers") ?? Environment.GetEnvironmentVariable("Papers__Directory"));
        var load = PaperLibraryFiles.Load(directory);
        foreach (var problem in load.Problems)
        {
            console.Error.WriteLine($"warning: {problem}");
        }

        return load;
    }
}
