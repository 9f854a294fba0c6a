using StudyBot.Core.FineTune;
using StudyBot.Training.Devices;
using StudyBot.Training.Training;

namespace StudyBot.FineTune;

/// <summary>Turns a stored run into the trainer's settings.json (<see cref="FineTuneSettings"/>).</summary>
public static class TrainerSettingsWriter
{
    public static FineTuneSettings ToTrainerSettings(FineTuneRun run, FineTuneModelInfo model, FineTuneRunFolder folder, FineTuneOptions options)
    {
        ArgumentNullException.ThrowIfNull(run);
        return ToTrainerSettings(run.Settings, model, folder, options);
    }

    /// <summary>The trainer's settings for a run's settings whose data file is in <paramref name="folder"/>
    /// (also before the run is stored, when its request is checked).</summary>
    public static FineTuneSettings ToTrainerSettings(FineTuneRunSettings s, FineTuneModelInfo model, FineTuneRunFolder folder, FineTuneOptions options)
    {
        ArgumentNullException.ThrowIfNull(s);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(folder);
        ArgumentNullException.ThrowIfNull(options);
        var steps = s.Steps;
        var dataPath = folder.Dataset(s.Dataset);
        return new FineTuneSettings
        {
            ModelDirectory = model.Directory,
            DataPath = dataPath,
            OutputDirectory = folder.Directory,
            BaseModelName = s.BaseModel,
            TargetModules = s.TargetModules,
            Rank = s.Rank,
            Alpha = s.Alpha,
            LearningRate = s.LearningRate,
            Steps = steps,
            SequenceLength = s.SequenceLength,
            BatchSize = s.BatchSize,
            Seed = s.Seed,
            Device = Device(options.Device),
            WarmupSteps = Math.Min(10, steps / 10),
            // Checkpoints make an interrupted run resumable; about ten per run, not more often than every 10 steps.
            CheckpointInterval = Math.Max(10, steps / 10),
            EvalInterval = Math.Max(10, steps / 5),
            // Without a prompt of the member's, one from the data set: every result shows samples before → after.
            SamplePrompts = [string.IsNullOrWhiteSpace(s.Prompt) ? DefaultSamplePrompt.From(dataPath) : s.Prompt],
        };
    }

    public static void Write(FineTuneSettings settings, FineTuneRunFolder folder) => FineTuneSettingsJson.Save(settings, folder.Settings);

    /// <summary>cuda:N becomes plain cuda: the trainer runs with CUDA_VISIBLE_DEVICES=N (<see cref="TrainerEnvironment"/>),
    /// so GPU N is the only one it sees.</summary>
    public static DeviceChoice Device(string device) => device switch
    {
        "cpu" => DeviceChoice.Cpu,
        "auto" => DeviceChoice.Auto,
        _ => DeviceChoice.Cuda,
    };
}
