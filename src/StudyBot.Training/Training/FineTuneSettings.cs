using StudyBot.Training.Devices;

namespace StudyBot.Training.Training;

/// <summary>
/// Everything one LoRA fine-tuning run needs. Serialised as the run folder's settings.json
/// (<see cref="FineTuneSettingsJson"/>); <see cref="Validate"/> lists every problem before anything is loaded.
/// </summary>
public sealed record FineTuneSettings
{
    /// <summary>A Hugging Face GPT-2 folder: config.json, model.safetensors and tokenizer files.</summary>
    public required string ModelDirectory { get; init; }

    /// <summary>A .txt file, or .jsonl with {"text"} or {"prompt","completion"} lines.</summary>
    public required string DataPath { get; init; }

    /// <summary>Where metrics.json, loss.png, samples.json, adapter/ and checkpoints/ go.</summary>
    public required string OutputDirectory { get; init; }

    /// <summary>Recorded as base_model_name_or_path in adapter_config.json; the model folder when not set.</summary>
    public string? BaseModelName { get; init; }

    public IReadOnlyList<string> TargetModules { get; init; } = ["c_attn"];

    public int Rank { get; init; } = 8;

    public double Alpha { get; init; } = 16;

    public double Dropout { get; init; }

    public double LearningRate { get; init; } = 2e-4;

    /// <summary>Optimizer steps; when neither this nor <see cref="Epochs"/> is set, <see cref="DefaultSteps"/>.</summary>
    public int? Steps { get; init; }

    /// <summary>Passes over the training sequences (fractions allowed), instead of <see cref="Steps"/>.</summary>
    public double? Epochs { get; init; }

    public int BatchSize { get; init; } = 4;

    public int SequenceLength { get; init; } = 128;

    public int GradientAccumulation { get; init; } = 1;

    public int WarmupSteps { get; init; } = 10;

    public LearningRateScheduleKind Schedule { get; init; } = LearningRateScheduleKind.Cosine;

    /// <summary>Decoupled AdamW weight decay. TorchSharp's AdamW defaults to 0; the usual fine-tuning value is set here.</summary>
    public double WeightDecay { get; init; } = 0.01;

    public double MaxGradNorm { get; init; } = 1.0;

    public int Seed { get; init; } = 42;

    public DeviceChoice Device { get; init; } = DeviceChoice.Auto;

    /// <summary>Validation loss every N steps (0: only before and after training).</summary>
    public int EvalInterval { get; init; }

    /// <summary>
    /// A resumable checkpoint every N steps (0: none, except when cancelled through the token). A trainer process
    /// that is killed can only resume from the last periodic checkpoint, so keep this on for queued runs.
    /// </summary>
    public int CheckpointInterval { get; init; } = 50;

    /// <summary>Checkpoints kept on disk (older ones are deleted).</summary>
    public int CheckpointsToKeep { get; init; } = 2;

    /// <summary>
    /// A progress event every N steps (null: every step on CPU, every 10 on CUDA). Each one reads the losses back
    /// from the device, so on a GPU a larger value avoids a host synchronisation per step; per-step losses are
    /// recorded either way.
    /// </summary>
    public int? ProgressInterval { get; init; }

    public IReadOnlyList<string> SamplePrompts { get; init; } = [];

    public int SampleMaxTokens { get; init; } = 48;

    /// <summary>Temperature of the sampled (non-greedy) generations; greedy ones are always produced too.</summary>
    public double SampleTemperature { get; init; } = 0.8;

    public int SampleTopK { get; init; } = 40;

    /// <summary>Share of sequences held out for validation (at least one sequence is always held out).</summary>
    public double ValidationFraction { get; init; } = 0.1;

    /// <summary>Caps how many validation batches each evaluation uses (null: all).</summary>
    public int? MaxValidationBatches { get; init; }

    public const int DefaultSteps = 100;

    /// <summary>
    /// Every problem that can be seen without loading the model or tokenizing the data (ranges, files, and
    /// seq_len against the model's n_positions from config.json). Empty when the settings can be used.
    /// </summary>
    public IReadOnlyList<string> Validate() => FineTuneSettingsValidator.Validate(this);

    /// <summary>Throws <see cref="FineTuneValidationException"/> listing every problem, if there is any.</summary>
    public void EnsureValid()
    {
        var problems = Validate();
        if (problems.Count > 0)
        {
            throw new FineTuneValidationException(problems);
        }
    }
}
