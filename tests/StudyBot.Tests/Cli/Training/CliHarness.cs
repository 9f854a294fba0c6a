using StudyBot.Cli;
using StudyBot.Cli.Training;
using TorchSharp;

namespace StudyBot.Tests.Cli.Training;

/// <summary>Runs training verbs through the real verb table with captured output, in a temp folder of its own.</summary>
internal sealed class CliHarness : IDisposable
{
    public CliHarness()
    {
        // One intra-op thread: the test machine is shared, and oversubscribed OpenMP spinning is far slower.
        torch.set_num_threads(1);
        Root = Path.Combine(Path.GetTempPath(), "studybot-cli-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Root);
    }

    public string Root { get; }

    public string PathTo(string name) => Path.Combine(Root, name);

    public string WriteFile(string name, string content)
    {
        var path = PathTo(name);
        File.WriteAllText(path, content);
        return path;
    }

    public static Task<CliResult> RunAsync(params string[] args) => RunAsync(null, CancellationToken.None, args);

    /// <summary>Runs a verb, handing every line it writes to standard output to <paramref name="onOutputLine"/> as
    /// it is written (so a test can cancel at a chosen point of a run).</summary>
    public static async Task<CliResult> RunAsync(Action<string>? onOutputLine, CancellationToken cancellationToken, params string[] args)
    {
        var verbs = new CliVerbTable { new MakeTinyModelVerb(), new FineTuneVerb(), new BenchLoraVerb() };
        using var output = new WatchedWriter(onOutputLine);
        using var error = new StringWriter();
        var exitCode = await verbs.RunAsync(args, new CliConsole(output, error), cancellationToken);
        return new CliResult(exitCode, output.ToString(), error.ToString());
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }
}

internal sealed record CliResult(int ExitCode, string Output, string Error)
{
    public override string ToString() => $"exit {ExitCode}\nstdout:\n{Output}\nstderr:\n{Error}";
}

/// <summary>A string writer that reports each line written with WriteLine.</summary>
internal sealed class WatchedWriter(Action<string>? onLine) : StringWriter(System.Globalization.CultureInfo.InvariantCulture)
{
    public override void WriteLine(string? value)
    {
        base.WriteLine(value);
        onLine?.Invoke(value ?? string.Empty);
    }
}
