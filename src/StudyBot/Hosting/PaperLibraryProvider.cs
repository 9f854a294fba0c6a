using Microsoft.Extensions.Logging;
using StudyBot.Cli.Papers;
using StudyBot.Core.Papers;
using StudyBot.Storage.Papers;

namespace StudyBot.Hosting;

/// <summary>Loads the paper library once at start and logs every note that could not be loaded.</summary>
internal static partial class PaperLibraryProvider
{
    public static PaperLibrary Load(PapersOptions options, ILogger logger)
    {
        var directory = PapersDirectory.Resolve(options.Directory);
        var load = PaperLibraryFiles.Load(directory);
        foreach (var problem in load.Problems)
        {
            LogProblem(logger, problem.File, problem.Reason);
        }

        LogLoaded(logger, load.Library.All.Count, directory);
        return load.Library;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Paper note {File} not loaded: {Reason}")]
    private static partial void LogProblem(ILogger logger, string file, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Loaded {Count} papers from {Directory}")]
    private static partial void LogLoaded(ILogger logger, int count, string directory);
}
