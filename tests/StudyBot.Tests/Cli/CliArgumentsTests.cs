using StudyBot.Cli;

namespace StudyBot.Tests.Cli;

public sealed class CliArgumentsTests
{
    [Fact]
    public void A_repeatable_option_gives_every_value_in_order()
    {
        var arguments = new CliArguments(["--prompt", "low rank", "--steps", "5", "--prompt=attention"]);

        Assert.Equal(["low rank", "attention"], arguments.Values("prompt"));
        Assert.Equal(5, arguments.IntOption("steps"));
        arguments.EnsureAllConsumed();
    }

    [Fact]
    public void Any_other_option_given_twice_is_a_usage_error()
    {
        var verbOption = new CliArguments(["--steps", "5", "--steps", "6"]);
        var configOverride = new CliArguments(["--Discord:Token=a", "--Discord:Token=b"]);

        Assert.Contains("--steps was given more than once", Assert.Throws<CliUsageException>(() => verbOption.IntOption("steps")).Message, StringComparison.Ordinal);
        Assert.Contains("--Discord:Token was given more than once", Assert.Throws<CliUsageException>(() => configOverride.RemainingOptions()).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_repeatable_option_without_a_value_is_a_usage_error()
    {
        var arguments = new CliArguments(["--prompt", "a", "--prompt", "--steps", "5"]);

        Assert.Contains("--prompt needs a value", Assert.Throws<CliUsageException>(() => arguments.Values("prompt")).Message, StringComparison.Ordinal);
    }
}
