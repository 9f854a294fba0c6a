using StudyBot.Cli;

namespace StudyBot.Tests.Cli;

/// <summary>
/// Left-over options become host configuration only when written <c>--Section:Key=value</c>; a typo or a stray word
/// stops the verb with its usage (exit 2) before anything starts. The <c>run</c> and <c>playground</c> cases go
/// through the real verbs: were a typo accepted, they would start a bot, and the generous token would end it with
/// exit 0, failing the test instead of hanging it.
/// </summary>
public sealed class ConfigurationOverridesTests
{
    [Theory]
    [InlineData("run --bogus", "Unknown option: --bogus.")]
    [InlineData("run --prot 5080", "Unknown option: --prot.")]
    [InlineData("run --Storage:DatabasePath=x.db --prot=5080", "Unknown option: --prot.")]
    [InlineData("run --bogus --other", "Unknown options: --bogus, --other.")]
    [InlineData("run stray", "Unexpected argument 'stray'.")]
    [InlineData("run --Discord:Token=x stray", "Unexpected argument 'stray'.")]
    [InlineData("run --playground --prot 5080", "Unknown option: --prot.")]
    [InlineData("run --:Key=x", "Unknown option: --:Key.")]
    [InlineData("playground --prot 5080", "Unknown option: --prot.")]
    [InlineData("playground --port 0 stray", "Unexpected argument 'stray'.")]
    [InlineData("bench interactions --cuont 5", "Unknown option: --cuont.")]
    public async Task Unknown_option_or_stray_argument_prints_usage_and_exits_2_without_starting(string commandLine, string reason)
    {
        var args = commandLine.Split(' ');
        var verb = args[0] == "bench" ? "bench interactions" : args[0];

        var run = await RunAsync(args);

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains($"studybot {verb}: {reason}", run.Error, StringComparison.Ordinal);
        Assert.Contains($"usage: studybot {verb} ", run.Error, StringComparison.Ordinal);
        Assert.Equal(string.Empty, run.Output);
    }

    [Fact]
    public async Task Section_key_options_become_configuration_overrides_in_every_spelling()
    {
        var run = await RunAsync(["echo-overrides", "--Storage:DatabasePath=x.db", "--Discord:Token", "abc", "--Logging:LogLevel:Default=Warning", "--Health:Enabled", "--Discord:Token2="]);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(
            ["--Storage:DatabasePath=x.db", "--Discord:Token=abc", "--Logging:LogLevel:Default=Warning", "--Health:Enabled=true", "--Discord:Token2="],
            run.Output.TrimEnd('\n').Split('\n'));
    }

    [Fact]
    public async Task Pass_through_options_are_handed_on_after_the_overrides()
    {
        var run = await RunAsync(["echo-overrides", "--port", "5080", "--Storage:DatabasePath=x.db", "--data=/tmp/d"]);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(["--Storage:DatabasePath=x.db", "--port=5080", "--data=/tmp/d"], run.Output.TrimEnd('\n').Split('\n'));
    }

    [Fact]
    public async Task Nothing_left_over_gives_no_overrides()
    {
        var run = await RunAsync(["echo-overrides"]);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(string.Empty, run.Output);
    }

    private static async Task<CliRun> RunAsync(string[] args)
    {
        var playground = new PlaygroundVerb();
        var verbs = new CliVerbTable { new RunVerb(playground), playground, new BenchInteractionsVerb(), new EchoOverridesVerb() };
        using var output = new StringWriter();
        using var error = new StringWriter();
        using var generous = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var exitCode = await verbs.RunAsync(args, new CliConsole(output, error), generous.Token);
        return new CliRun(exitCode, output.ToString(), error.ToString());
    }

    /// <summary>Prints what <see cref="ConfigurationOverrides.From"/> hands to the host, one per line.</summary>
    private sealed class EchoOverridesVerb : ICliVerb
    {
        public string Name => "echo-overrides";

        public string Summary => "test verb";

        public string Usage => "[--Section:Key=value]";

        public async Task<int> RunAsync(CliArguments arguments, CliConsole console, CancellationToken cancellationToken)
        {
            foreach (var setting in ConfigurationOverrides.From(arguments, "port", "data"))
            {
                await console.Out.WriteLineAsync(setting);
            }

            return 0;
        }
    }
}
