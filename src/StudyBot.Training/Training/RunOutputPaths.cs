namespace StudyBot.Training.Training;

/// <summary>Where a run's outputs live inside its output folder.</summary>
public sealed record RunOutputPaths(string Directory)
{
    public string Settings => Path.Combine(Directory, "settings.json");

    public string Metrics => Path.Combine(Directory, "metrics.json");

    public string LossPlot => Path.Combine(Directory, "loss.png");

    public string Samples => Path.Combine(Directory, "samples.json");

    /// <summary>The PEFT adapter: adapter_model.safetensors + adapter_config.json.</summary>
    public string Adapter => Path.Combine(Directory, "adapter");

    public string Checkpoints => Path.Combine(Directory, "checkpoints");
}
