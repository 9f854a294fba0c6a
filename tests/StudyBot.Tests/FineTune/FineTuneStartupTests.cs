using StudyBot.Core.FineTune;
using StudyBot.FineTune;
using StudyBot.Training.Devices;

namespace StudyBot.Tests.FineTune;

/// <summary>The start-up checks of the fine-tune settings (folders, devices) and what the trainer is handed.</summary>
public sealed class FineTuneStartupTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("studybot-ftstart-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void A_missing_runs_folder_is_created_and_an_existing_models_folder_passes()
    {
        Directory.CreateDirectory(Path.Combine(_root, "models"));
        var options = Options(models: Path.Combine(_root, "models"), runs: Path.Combine(_root, "data", "runs"));

        var result = new FineTuneOptionsValidator().Validate(null, options);

        Assert.True(result.Succeeded, result.FailureMessage);
        Assert.True(Directory.Exists(options.RunsDirectory));
        Assert.Empty(Directory.EnumerateFileSystemEntries(options.RunsDirectory));
    }

    [Fact]
    public void Data_of_requests_that_were_being_checked_when_the_bot_stopped_is_removed_at_start_and_run_folders_stay()
    {
        Directory.CreateDirectory(Path.Combine(_root, "models"));
        var runs = Path.Combine(_root, "runs");
        var staged = Directory.CreateDirectory(Path.Combine(runs, FineTuneRequestService.StagingFolderName, "0123abcd")).FullName;
        File.WriteAllText(Path.Combine(staged, "data.txt"), "half-checked data");
        var run = Directory.CreateDirectory(Path.Combine(runs, "r1")).FullName;
        File.WriteAllText(Path.Combine(run, "data.txt"), "a stored run's data");

        var result = new FineTuneOptionsValidator().Validate(null, Options(models: Path.Combine(_root, "models"), runs: runs));

        Assert.True(result.Succeeded, result.FailureMessage);
        Assert.False(Directory.Exists(Path.Combine(runs, FineTuneRequestService.StagingFolderName)));
        Assert.True(File.Exists(Path.Combine(run, "data.txt")));
    }

    [Fact]
    public void A_runs_folder_that_cannot_be_created_is_a_start_up_error_naming_the_setting()
    {
        var file = Path.Combine(_root, "not-a-folder");
        File.WriteAllText(file, "x");
        Directory.CreateDirectory(Path.Combine(_root, "models"));

        var result = new FineTuneOptionsValidator().Validate(null, Options(models: Path.Combine(_root, "models"), runs: Path.Combine(file, "runs")));

        Assert.True(result.Failed);
        Assert.Contains("FineTune:RunsDirectory", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("cannot be created or written to", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void A_configured_models_folder_that_does_not_exist_is_a_start_up_error_and_is_not_created()
    {
        var models = Path.Combine(_root, "modles");

        var result = new FineTuneOptionsValidator().Validate(null, Options(models: models, runs: Path.Combine(_root, "runs")));

        Assert.True(result.Failed);
        Assert.Contains($"FineTune:ModelsDirectory '{models}' does not exist", result.FailureMessage, StringComparison.Ordinal);
        Assert.False(Directory.Exists(models));
    }

    [Fact]
    public void The_default_models_folder_is_created_when_missing()
    {
        var existed = Directory.Exists("models");
        try
        {
            var errors = FineTuneFolders.Prepare(Options(models: "models", runs: Path.Combine(_root, "runs")));

            Assert.Empty(errors);
            Assert.True(Directory.Exists("models"));
        }
        finally
        {
            if (!existed && Directory.Exists("models") && !Directory.EnumerateFileSystemEntries("models").Any())
            {
                Directory.Delete("models");
            }
        }
    }

    [Fact]
    public void Bad_values_are_reported_before_any_folder_is_touched()
    {
        var options = Options(models: Path.Combine(_root, "models"), runs: Path.Combine(_root, "runs"));
        options.Device = "cuda";
        options.Concurrency = 2;

        var result = new FineTuneOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains("FineTune:Concurrency is 2", result.FailureMessage, StringComparison.Ordinal);
        Assert.False(Directory.Exists(options.RunsDirectory));
    }

    [Fact]
    public void A_libtorch_folder_from_the_environment_that_does_not_exist_is_a_start_up_error_unless_the_setting_overrides_it()
    {
        var missing = Path.Combine(_root, "no-torch", "lib");
        var environment = new Dictionary<string, string?> { [TrainerEnvironment.LibTorchVariable] = missing };
        var validator = new FineTuneOptionsValidator(environment.GetValueOrDefault);
        Directory.CreateDirectory(Path.Combine(_root, "models"));

        var result = validator.Validate(null, Options(models: Path.Combine(_root, "models"), runs: Path.Combine(_root, "runs")));

        Assert.True(result.Failed);
        Assert.Contains($"STUDYBOT_LIBTORCH_DIR '{missing}' (from the environment) does not exist", result.FailureMessage, StringComparison.Ordinal);

        var configured = Options(models: Path.Combine(_root, "models"), runs: Path.Combine(_root, "runs"));
        configured.LibTorchDir = _root;
        Assert.True(validator.Validate(null, configured).Succeeded);
        environment[TrainerEnvironment.LibTorchVariable] = _root;
        Assert.True(validator.Validate(null, Options(models: Path.Combine(_root, "models"), runs: Path.Combine(_root, "runs"))).Succeeded);
    }

    [Theory]
    [InlineData("cuda:2", "2", DeviceChoice.Cuda, "cuda")]
    [InlineData("cuda", null, DeviceChoice.Cuda, "cuda")]
    [InlineData("auto", null, DeviceChoice.Auto, "auto")]
    [InlineData("cpu", null, DeviceChoice.Cpu, "cpu")]
    public void A_cuda_index_becomes_the_childs_only_visible_gpu(string device, string? visible, DeviceChoice trainerDevice, string childDevice)
    {
        var environment = TrainerEnvironment.For(new FineTuneOptions { Device = device });

        Assert.Equal(visible, environment.GetValueOrDefault(TrainerEnvironment.VisibleDevicesVariable));
        Assert.Equal(visible is null ? null : "PCI_BUS_ID", environment.GetValueOrDefault(TrainerEnvironment.DeviceOrderVariable));
        Assert.False(environment.ContainsKey(TrainerEnvironment.LibTorchVariable));
        Assert.Equal(trainerDevice, TrainerSettingsWriter.Device(device));
        Assert.Equal(childDevice, TrainerEnvironment.ChildDevice(device));
    }

    [Fact]
    public void The_default_sample_prompt_comes_from_the_data()
    {
        var text = Path.Combine(_root, "data.txt");
        File.WriteAllText(text, "\n  Low-rank adaptation freezes the pretrained weights.\nSecond line.\n");
        var pairs = Path.Combine(_root, "data.jsonl");
        File.WriteAllText(pairs, "{\"prompt\":\"What is LoRA?\",\"completion\":\" A low-rank update.\"}\n");
        var texts = Path.Combine(_root, "texts.jsonl");
        File.WriteAllText(texts, "{\"text\":\"Attention is all you need, they said.\"}\n");

        Assert.Equal("Low-rank adaptation freezes the", DefaultSamplePrompt.From(text));
        Assert.Equal("What is LoRA?", DefaultSamplePrompt.From(pairs));
        Assert.Equal("Attention is all you", DefaultSamplePrompt.From(texts));
        Assert.Equal(DefaultSamplePrompt.Fallback, DefaultSamplePrompt.From(Path.Combine(_root, "missing.txt")));
    }

    private static FineTuneOptions Options(string models, string runs) => new() { ModelsDirectory = models, RunsDirectory = runs, Device = "cpu" };
}
