using StudyBot.Core.FineTune;
using static StudyBot.Core.Tests.FineTune.FineTuneRunFactory;

namespace StudyBot.Core.Tests.FineTune;

public sealed class FineTuneSettingsValidatorTests
{
    private static readonly FineTuneOptions Limits = new() { MaxRank = 16, MaxSteps = 500, MaxSeqLen = 256, MaxDatasetBytes = 4096 };

    [Fact]
    public void Settings_within_the_limits_pass()
    {
        Assert.Empty(FineTuneSettingsValidator.Validate(Settings(), Limits));
    }

    [Fact]
    public void Each_out_of_range_value_is_named_with_its_limit()
    {
        var errors = FineTuneSettingsValidator.Validate(Settings(rank: 64, steps: 501, seqLen: 1024, datasetBytes: 5000, targets: ["c_attn", "q_proj"]), Limits);

        Assert.Contains(errors, e => e.Contains("`rank` must be between 1 and 16 (got 64)", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("`steps` must be between 1 and 500 (got 501)", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("`seq_len` must be between 8 and 256 (got 1024)", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("`q_proj`", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("4.9 KiB; the limit is 4 KiB", StringComparison.Ordinal));
        Assert.Equal(5, errors.Count);
    }

    [Fact]
    public void Non_finite_learning_rates_are_refused()
    {
        var settings = Settings() with { LearningRate = double.NaN };
        Assert.Single(FineTuneSettingsValidator.Validate(settings, Limits));
    }

    [Fact]
    public void Targets_parse_from_commas_or_spaces_and_default_to_c_attn()
    {
        Assert.Equal(["c_attn", "c_fc"], FineTuneSettingsValidator.ParseTargets("c_attn, c_fc c_attn"));
        Assert.Equal(["c_attn"], FineTuneSettingsValidator.ParseTargets(null));
    }
}
