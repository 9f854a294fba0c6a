using Microsoft.Extensions.Options;
using StudyBot.Core.FineTune;

namespace StudyBot.FineTune;

/// <summary>
/// Decides how to start the trainer for a run folder. By default the bot's own executable, as
/// <c>studybot train --run-dir DIR</c>: the apphost when the bot runs as one, otherwise <c>dotnet studybot.dll</c>.
/// <see cref="FineTuneOptions.TrainerCommand"/> replaces it (tests use a shell script).
/// Both verbs get <c>--exit-with-parent</c>: they stop when the bot is gone (<see cref="TrainerProcessParentWatch"/>).
/// </summary>
public sealed class TrainerProcessLauncher(IOptions<FineTuneOptions> options)
{
    public const string RunDirPlaceholder = "{runDir}";
    public const string ExitWithParentOption = "--" + TrainerProcessParentWatch.Flag;
    private const string AssemblyName = "studybot";

    public TrainerCommandLine Resolve(string runDirectory)
    {
        var configured = options.Value;
        string[] verb = ["train", "--run-dir", runDirectory, ExitWithParentOption];
        if (!string.IsNullOrWhiteSpace(configured.TrainerCommand))
        {
            var arguments = configured.TrainerArguments.Count == 0
                ? verb
                : configured.TrainerArguments.Select(a => a.Replace(RunDirPlaceholder, runDirectory, StringComparison.Ordinal)).ToArray();
            return new TrainerCommandLine(configured.TrainerCommand, arguments);
        }

        return ForOwnExecutable(Environment.ProcessPath, AppContext.BaseDirectory, verb);
    }

    /// <summary>
    /// How to start <c>studybot</c> with <paramref name="verb"/> (e.g. "sample …"): a <see cref="FineTuneOptions.TrainerCommand"/>
    /// without <see cref="FineTuneOptions.TrainerArguments"/> is taken to be a studybot executable; otherwise the bot's own.
    /// </summary>
    public TrainerCommandLine ResolveSampler(IReadOnlyList<string> verb)
    {
        ArgumentNullException.ThrowIfNull(verb);
        var configured = options.Value;
        verb = [.. verb, ExitWithParentOption];
        return !string.IsNullOrWhiteSpace(configured.TrainerCommand) && configured.TrainerArguments.Count == 0
            ? new TrainerCommandLine(configured.TrainerCommand, verb)
            : ForOwnExecutable(Environment.ProcessPath, AppContext.BaseDirectory, verb);
    }

    /// <summary>The bot's own executable, whichever way it was started.</summary>
    public static TrainerCommandLine ForOwnExecutable(string? processPath, string baseDirectory, IReadOnlyList<string> verb)
    {
        var processName = Path.GetFileNameWithoutExtension(processPath ?? string.Empty);
        if (processPath is not null && string.Equals(processName, AssemblyName, StringComparison.OrdinalIgnoreCase))
        {
            return new TrainerCommandLine(processPath, verb);
        }

        var dll = Path.Combine(baseDirectory, AssemblyName + ".dll");
        var apphost = Path.Combine(baseDirectory, OperatingSystem.IsWindows() ? AssemblyName + ".exe" : AssemblyName);
        var host = processPath is not null && string.Equals(processName, "dotnet", StringComparison.OrdinalIgnoreCase)
            ? processPath
            : Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } hostPath ? hostPath : null;
        if (host is not null && File.Exists(dll))
        {
            return new TrainerCommandLine(host, [dll, .. verb]);
        }

        if (File.Exists(apphost))
        {
            return new TrainerCommandLine(apphost, verb);
        }

        // Last resort: the dotnet on PATH; a missing file fails the run with a clear message, never the bot.
        return new TrainerCommandLine("dotnet", [dll, .. verb]);
    }
}
