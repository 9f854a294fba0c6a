using StudyBot.Cli;

namespace StudyBot.Tests.Cli;

/// <summary>How the verb table treats a group of verbs (<c>bench lora</c>, <c>bench interactions</c>) named without a
/// subcommand, beside plain verbs and unknown commands. The verbs here are stand-ins that only report that they ran.</summary>
public sealed class CliVerbTableTests
{
    [Theory]
    [InlineData("bench --help")]
    [InlineData("bench -h")]
    [InlineData("bench help")]
    public async Task A_group_with_help_lists_its_subcommands_with_their_summaries_on_stdout_and_exits_0(string commandLine)
    {
        var run = await RunAsync(commandLine.Split(' '));

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(
            "usage: studybot bench <subcommand> [options]   (studybot bench <subcommand> --help for details)\n\n" +
            "  bench lora          Benchmark LoRA steps.\n" +
            "  bench interactions  Benchmark slash commands.\n",
            run.Output.ReplaceLineEndings("\n"));
        Assert.Equal(string.Empty, run.Error);
    }

    [Fact]
    public async Task A_bare_group_says_a_subcommand_is_missing_lists_them_on_stderr_and_exits_2()
    {
        var run = await RunAsync("bench");

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.StartsWith("studybot bench: missing subcommand.", run.Error, StringComparison.Ordinal);
        Assert.Contains("  bench lora          Benchmark LoRA steps.", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("unknown command", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("  run ", run.Error, StringComparison.Ordinal);
        Assert.Equal(string.Empty, run.Output);
    }

    [Fact]
    public async Task A_subcommand_of_a_group_still_runs_and_takes_its_own_help()
    {
        var ran = await RunAsync("bench", "lora");
        var help = await RunAsync("bench", "lora", "--help");

        Assert.True(ran.ExitCode == 0, ran.ToString());
        Assert.Equal("ran bench lora\n", ran.Output.ReplaceLineEndings("\n"));
        Assert.True(help.ExitCode == 0, help.ToString());
        Assert.StartsWith("usage: studybot bench lora [--steps N]", help.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_word_that_is_neither_a_verb_nor_a_group_is_an_unknown_command()
    {
        var run = await RunAsync("benchmark");

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.StartsWith("studybot: unknown command 'benchmark'.", run.Error, StringComparison.Ordinal);
        Assert.Contains("  run ", run.Error, StringComparison.Ordinal);
    }

    private static async Task<CliRun> RunAsync(params string[] args)
    {
        var verbs = new CliVerbTable
        {
            new StandIn("run", "Run the bot.", ""),
            new StandIn("bench lora", "Benchmark LoRA steps.", "[--steps N]"),
            new StandIn("bench interactions", "Benchmark slash commands.", "[--count N]"),
        };
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = await verbs.RunAsync(args, new CliConsole(output, error), CancellationToken.None);
        return new CliRun(exitCode, output.ToString(), error.ToString());
    }

    private sealed class StandIn(string name, string summary, string usage) : ICliVerb
    {
        public string Name => name;

        public string Summary => summary;

        public string Usage => usage;

        public async Task<int> RunAsync(CliArguments arguments, CliConsole console, CancellationToken cancellationToken)
        {
            arguments.EnsureAllConsumed();
            await console.Out.WriteLineAsync($"ran {name}");
            return 0;
        }
    }
}
