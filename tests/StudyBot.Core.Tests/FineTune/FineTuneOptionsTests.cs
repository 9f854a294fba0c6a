using StudyBot.Core.FineTune;

namespace StudyBot.Core.Tests.FineTune;

public sealed class FineTuneOptionsTests
{
    [Fact]
    public void The_defaults_are_valid()
    {
        Assert.Empty(new FineTuneOptions().Validate());
    }

    [Fact]
    public void Bad_values_are_reported_by_setting_name()
    {
        var options = new FineTuneOptions
        {
            Concurrency = 0,
            Device = "tpu",
            ProgressEditInterval = TimeSpan.FromMilliseconds(100),
            LibTorchDir = "/does/not/exist",
            TrainerArguments = ["x"],
        };

        var errors = options.Validate();

        Assert.Contains(errors, e => e.Contains("Concurrency", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("Device", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("ProgressEditInterval", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("LibTorchDir", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("TrainerCommand", StringComparison.Ordinal));
    }
}
