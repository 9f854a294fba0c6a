using StudyBot.Core.FineTune;
using StudyBot.Training.Devices;
using StudyBot.Training.Training;

namespace StudyBot.FineTune;

/// <summary>Turns a stored run into the trainer's settings.json (<see cref="FineTuneSettings"/>).</summary>
public static class TrainerSettingsWriter
{
    public static FineTuneSettings ToTrainerSettings(FineTuneRun run, FineTuneModelInfo model, FineTuneRunFolder folder, FineTuneOptions options)
    {
        var s = run.Settings;
        var steps = s.Steps;
        return new FineTuneSettings
        {
            ModelDirectory = model.Directory,
            DataPath = folder.Dataset(s.Dataset),
            OutputDirectory = folder.Directory,
            BaseModelName = s.BaseModel,
            TargetModules = s.TargetModules,
            Rank = s.Rank,
            Alpha = s.Alpha,
            LearningRate = s.LearningRate,
            Steps = steps,
            SequenceLength = s.SequenceLength,
            Seed = s.Seed,
            Device = Device(options.Device),
            WarmupSteps = Math.Min(10, steps / 10),
            // Checkpoints make an interrupted run resumable; about ten per run, not more often than every 10 steps.
            CheckpointInterval = Math.Max(10, steps / 10),
            EvalInterval = Math.Max(10, steps / 5),
            SamplePrompts = string.IsNullOrWhiteSpace(s.Prompt) ? [] : [s.Prompt],
        };
    }

    public static void Write(FineTuneSettings settings, FineTuneRunFolder folder) => FineTuneSettingsJson.Save(settings, folder.Settings);

    private static DeviceChoice Device(string device) => device switch
    {
        "cpu" => DeviceChoice.Cpu,
        "auto" => DeviceChoice.Auto,
        _ => DeviceChoice.Cuda,
    };
}
