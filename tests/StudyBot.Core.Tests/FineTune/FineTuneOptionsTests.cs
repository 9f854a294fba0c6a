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

    [Theory]
    [InlineData("cuda", 2, true)]
    [InlineData("cuda:0", 2, true)]
    [InlineData("auto", 3, true)]
    [InlineData("cpu", 4, false)]
    [InlineData("cuda:1", 1, false)]
    public void More_than_one_run_at_a_time_needs_the_cpu_device(string device, int concurrency, bool rejected)
    {
        var errors = new FineTuneOptions { Device = device, Concurrency = concurrency }.Validate();

        Assert.Equal(rejected, errors.Any(e => e.Contains($"FineTune:Concurrency is {concurrency}", StringComparison.Ordinal)));
        Assert.DoesNotContain(errors, e => e.Contains("Device must be", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("cuda:")]
    [InlineData("cuda:x")]
    [InlineData("cuda:-1")]
    [InlineData("cuda: 1")]
    public void A_cuda_device_index_must_be_a_number(string device)
    {
        Assert.Contains(new FineTuneOptions { Device = device }.Validate(), e => e.Contains("Device must be auto, cpu, cuda or cuda:N", StringComparison.Ordinal));
    }

    [Fact]
    public void The_sample_time_limit_must_be_positive()
    {
        Assert.Contains(new FineTuneOptions { SampleTimeout = TimeSpan.Zero }.Validate(), e => e.Contains("SampleTimeout", StringComparison.Ordinal));
    }
}
