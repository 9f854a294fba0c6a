using StudyBot.Cli;

namespace StudyBot.Tests.Cli;

/// <summary>
/// <c>studybot run</c> without a Discord token: on a developer's machine it says so, says how to set one, and starts
/// the playground; with <c>--no-playground</c> (the Docker images' command) it stops with exit code 2 and the same
/// instructions. An empty <c>--Discord:Token=</c> on the command line stands for "no token", whatever this machine's
/// environment or user secrets hold. The playground here is a stand-in that records what it was handed.
/// </summary>
public sealed class RunVerbTests
{
    [Fact]
    public async Task Without_a_token_and_with_no_playground_it_exits_2_saying_no_token_was_found_and_how_to_set_one()
    {
        var playground = new RecordingPlayground();

        var run = await RunAsync(playground, "run", "--no-playground", "--Discord:Token=");

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains("studybot run: no Discord token configured", run.Error, StringComparison.Ordinal);
        Assert.Contains("export Discord__Token=", run.Error, StringComparison.Ordinal);
        Assert.Contains("docker/studybot.env", run.Error, StringComparison.Ordinal);
        Assert.Null(playground.Arguments);
        Assert.Equal(string.Empty, run.Output);
    }

    [Fact]
    public async Task A_blank_token_counts_as_none()
    {
        var playground = new RecordingPlayground();

        var run = await RunAsync(playground, "run", "--no-playground", "--Discord:Token=   ");

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains("no Discord token configured", run.Error, StringComparison.Ordinal);
        Assert.Null(playground.Arguments);
    }

    [Fact]
    public async Task Without_a_token_it_says_why_and_how_to_set_one_then_starts_the_playground_with_the_same_options()
    {
        var playground = new RecordingPlayground();

        var run = await RunAsync(playground, "run", "--port", "0", "--data", "/tmp/studybot-data", "--Discord:Token=", "--Logging:LogLevel:Default=Warning");

        Assert.True(run.ExitCode == RecordingPlayground.ExitCode, run.ToString());
        Assert.Contains("No Discord token configured", run.Error, StringComparison.Ordinal);
        Assert.Contains("starting the offline playground", run.Error, StringComparison.Ordinal);
        Assert.Contains("export Discord__Token=", run.Error, StringComparison.Ordinal);
        Assert.Contains("dotnet user-secrets --project src/StudyBot set Discord:Token", run.Error, StringComparison.Ordinal);
        Assert.Equal(
            ["--port=0", "--data=/tmp/studybot-data", "--Discord:Token=", "--Logging:LogLevel:Default=Warning"],
            playground.Arguments);
    }

    [Fact]
    public async Task With_the_playground_flag_the_playground_gets_the_arguments_as_given()
    {
        var playground = new RecordingPlayground();

        var run = await RunAsync(playground, "run", "--playground", "--port", "0");

        Assert.True(run.ExitCode == RecordingPlayground.ExitCode, run.ToString());
        Assert.Equal(["--port=0"], playground.Arguments);
        Assert.Equal(string.Empty, run.Error);
    }

    [Fact]
    public async Task Playground_and_no_playground_together_is_a_usage_error()
    {
        var playground = new RecordingPlayground();

        var run = await RunAsync(playground, "run", "--playground", "--no-playground");

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains("studybot run: --playground and --no-playground contradict each other.", run.Error, StringComparison.Ordinal);
        Assert.Contains("usage: studybot run ", run.Error, StringComparison.Ordinal);
        Assert.Null(playground.Arguments);
    }

    [Theory]
    [InlineData("--port", "5080")]
    [InlineData("--data", "/tmp/studybot-data")]
    public async Task With_a_token_the_playgrounds_options_are_a_usage_error_rather_than_ignored(string option, string value)
    {
        var playground = new RecordingPlayground();

        var run = await RunAsync(playground, "run", option, value, "--Discord:Token=not-a-real-token");

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains("studybot run: --port and --data are the playground's options", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("not-a-real-token", run.Error, StringComparison.Ordinal);
        Assert.Null(playground.Arguments);
    }

    private static async Task<CliRun> RunAsync(RecordingPlayground playground, params string[] args)
    {
        var verbs = new CliVerbTable { new RunVerb(playground), playground };
        using var output = new StringWriter();
        using var error = new StringWriter();
        // Generous: were the bot started by mistake, the test would end with a wrong exit code instead of hanging.
        using var generous = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var exitCode = await verbs.RunAsync(args, new CliConsole(output, error), generous.Token);
        return new CliRun(exitCode, output.ToString(), error.ToString());
    }

    /// <summary>Stands in for <see cref="PlaygroundVerb"/>: records the options it was handed and returns at once.</summary>
    private sealed class RecordingPlayground : ICliVerb
    {
        public const int ExitCode = 42;

        public IReadOnlyList<string>? Arguments { get; private set; }

        public string Name => "playground";

        public string Summary => "test stand-in";

        public string Usage => "[--port N] [--data DIR]";

        public Task<int> RunAsync(CliArguments arguments, CliConsole console, CancellationToken cancellationToken)
        {
            var port = arguments.Option("port");
            var data = arguments.Option("data");
            Arguments =
            [
                .. port is null ? [] : new[] { $"--port={port}" },
                .. data is null ? [] : new[] { $"--data={data}" },
                .. ConfigurationOverrides.From(arguments),
            ];
            return Task.FromResult(ExitCode);
        }
    }
}
