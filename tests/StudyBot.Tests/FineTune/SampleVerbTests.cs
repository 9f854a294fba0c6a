using StudyBot.Cli;
using StudyBot.Cli.Training;
using StudyBot.FineTune;

namespace StudyBot.Tests.FineTune;

/// <summary><c>studybot sample</c> through the real verb table: usage errors and unusable run folders.</summary>
public sealed class SampleVerbTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("studybot-sample-verb-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Theory]
    [InlineData("--prompt is required.", "--run-dir", "/tmp")]
    [InlineData("--max-tokens must be between 1 and 1024 (got 0).", "--run-dir", "/tmp", "--prompt", "x", "--max-tokens", "0")]
    [InlineData("--device must be auto, cpu or cuda (got 'tpu').", "--run-dir", "/tmp", "--prompt", "x", "--device", "tpu")]
    [InlineData("Unknown option: --promt.", "--run-dir", "/tmp", "--prompt", "x", "--promt", "y")]
    public async Task Bad_arguments_exit_2_with_the_usage(string expected, params string[] arguments)
    {
        var (exitCode, output, error) = await RunAsync(["sample", .. arguments]);

        Assert.Equal(2, exitCode);
        Assert.Equal("", output);
        Assert.Contains(expected, error, StringComparison.Ordinal);
        Assert.Contains("usage: studybot sample --run-dir DIR --prompt TEXT", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_run_folder_without_an_adapter_ends_with_a_failed_line_and_exit_1()
    {
        var (exitCode, output, error) = await RunAsync(["sample", "--run-dir", _root, "--prompt=--The paper", "--device", "cpu"]);

        Assert.Equal(RunFolderSampler.Failed, exitCode);
        var message = $"The run folder '{_root}' has no trained adapter (adapter/adapter_config.json is missing).";
        Assert.Equal(("failed", message), SamplerOutput.Parse(output.Trim()));
        Assert.Equal($"studybot sample: {message}", error.Trim());
    }

    private static async Task<(int ExitCode, string Output, string Error)> RunAsync(string[] args)
    {
        var verbs = new CliVerbTable { new SampleVerb() };
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = await verbs.RunAsync(args, new CliConsole(output, error), CancellationToken.None);
        return (exitCode, output.ToString(), error.ToString());
    }
}
