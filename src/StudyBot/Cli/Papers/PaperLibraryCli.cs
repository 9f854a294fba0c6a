using StudyBot.Core.Papers;
using StudyBot.Storage.Papers;

namespace StudyBot.Cli.Papers;

/// <summary>Loads the library for a papers verb and reports problem notes on standard error.</summary>
internal static class PaperLibraryCli
{
    /// <param name="problemsAreErrors">True for verbs that cannot give a correct answer from a library that did not
    /// load cleanly (a prerequisite cycle leaves notes out of the reading path): problems print as errors.</param>
    public static PaperLibraryLoad Load(CliArguments arguments, CliConsole console, bool problemsAreErrors = false)
    {
        var directory = PapersDirectory.Resolve(arguments.Option("papers") ?? Environment.GetEnvironmentVariable("Papers__Directory"));
        if (!Directory.Exists(directory))
        {
            // An IOException: the verb table prints it as "studybot <verb>: ..." and exits 1, for every papers verb alike
            // (an empty listing with exit 0 would hide a mistyped --papers).
            throw new DirectoryNotFoundException(
                $"the papers folder '{directory}' does not exist. Give the folder of the notes with --papers DIR (or Papers__Directory).");
        }

        var load = PaperLibraryFiles.Load(directory);
        var label = problemsAreErrors ? "error" : "warning";
        foreach (var problem in load.Problems)
        {
            console.Error.WriteLine($"{label}: {problem}");
        }

        return load;
    }
}
