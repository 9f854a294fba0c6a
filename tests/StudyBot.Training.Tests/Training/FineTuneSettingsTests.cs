using StudyBot.Training.Devices;
using StudyBot.Training.Training;

namespace StudyBot.Training.Tests.Training;

public sealed class FineTuneSettingsTests
{
    [Fact]
    public void Validate_lists_every_problem_at_once()
    {
        var settings = new FineTuneSettings
        {
            ModelDirectory = "/nonexistent/model",
            DataPath = "/nonexistent/data.txt",
            OutputDirectory = "",
            Rank = 0,
            BatchSize = 0,
            GradientAccumulation = 0,
            LearningRate = 0,
            Steps = 0,
            Dropout = 1.5,
        };

        var problems = settings.Validate();

        Assert.Contains(problems, p => p.Contains("model folder '/nonexistent/model' does not exist"));
        Assert.Contains(problems, p => p.Contains("data file '/nonexistent/data.txt' does not exist"));
        Assert.Contains(problems, p => p.Contains("output directory is not set"));
        Assert.Contains(problems, p => p.StartsWith("rank must be at least 1"));
        Assert.Contains(problems, p => p.StartsWith("batch size must be at least 1"));
        Assert.Contains(problems, p => p.StartsWith("gradient accumulation must be at least 1"));
        Assert.Contains(problems, p => p.StartsWith("learning rate must be greater than 0"));
        Assert.Contains(problems, p => p.StartsWith("steps must be at least 1"));
        Assert.Contains(problems, p => p.StartsWith("dropout must be in [0, 1)"));
        var error = Assert.Throws<FineTuneValidationException>(settings.EnsureValid);
        Assert.StartsWith($"Cannot start fine-tuning ({problems.Count} problems): 1) ", error.Message);
    }

    [Fact]
    public void Sequence_longer_than_the_models_positions_and_missing_weights_are_reported()
    {
        using var workspace = TrainingWorkspace.Create();
        File.Delete(Path.Combine(workspace.ModelDirectory, "model.safetensors"));
        var settings = workspace.Settings(workspace.WriteCorpus()) with { SequenceLength = 512 };

        var problems = settings.Validate();

        Assert.Equal(2, problems.Count);
        Assert.Contains(problems, p => p.Contains("has no model.safetensors"));
        Assert.Contains("seq_len 512 is larger than the model's n_positions 128.", problems);
    }

    [Fact]
    public void Good_settings_have_no_problems_and_round_trip_through_json()
    {
        using var workspace = TrainingWorkspace.Create();
        var settings = workspace.Settings(workspace.WriteCorpus()) with { SamplePrompts = ["low rank"], Device = DeviceChoice.Cuda, Epochs = null };

        Assert.Empty(settings.Validate());
        var json = FineTuneSettingsJson.Serialize(settings);
        var back = FineTuneSettingsJson.Deserialize(json);

        Assert.Contains("\"device\": \"cuda\"", json);
        Assert.Contains("\"schedule\": \"cosine\"", json);
        Assert.Equal(json, FineTuneSettingsJson.Serialize(back));
        Assert.Equal(["low rank"], back.SamplePrompts);
    }

    [Fact]
    public void Malformed_settings_json_is_a_validation_error()
    {
        var error = Assert.Throws<FineTuneValidationException>(() => FineTuneSettingsJson.Deserialize("{\"rank\": 4}"));
        Assert.Contains("settings JSON is invalid", error.Message);
    }
}
