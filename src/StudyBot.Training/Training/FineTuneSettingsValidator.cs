namespace StudyBot.Training.Training;

/// <summary>The checks behind <see cref="FineTuneSettings.Validate"/>, kept apart so the settings record stays data.</summary>
internal static class FineTuneSettingsValidator
{
    public static IReadOnlyList<string> Validate(FineTuneSettings s)
    {
        var problems = new List<string>();
        CheckModel(s, problems);
        CheckData(s, problems);
        if (string.IsNullOrWhiteSpace(s.OutputDirectory))
        {
            problems.Add("output directory is not set.");
        }
        else if (File.Exists(s.OutputDirectory))
        {
            problems.Add($"output directory '{s.OutputDirectory}' is a file.");
        }

        if (s.TargetModules is null || s.TargetModules.Count == 0 || s.TargetModules.Any(string.IsNullOrWhiteSpace))
        {
            problems.Add("target modules must name at least one layer (for example c_attn).");
        }

        Positive(problems, s.Rank, "rank");
        if (!(s.Alpha > 0) || !double.IsFinite(s.Alpha))
        {
            problems.Add($"alpha must be greater than 0 (got {s.Alpha}).");
        }

        if (!(s.Dropout >= 0 && s.Dropout < 1))
        {
            problems.Add($"dropout must be in [0, 1) (got {s.Dropout}).");
        }

        if (!(s.LearningRate > 0) || !double.IsFinite(s.LearningRate))
        {
            problems.Add($"learning rate must be greater than 0 (got {s.LearningRate}).");
        }

        if (s.Steps is not null && s.Epochs is not null)
        {
            problems.Add("give steps or epochs, not both.");
        }

        if (s.Steps is { } steps && steps <= 0)
        {
            problems.Add($"steps must be at least 1 (got {steps}).");
        }

        if (s.Epochs is { } epochs && !(epochs > 0 && double.IsFinite(epochs)))
        {
            problems.Add($"epochs must be greater than 0 (got {epochs}).");
        }

        Positive(problems, s.BatchSize, "batch size");
        Positive(problems, s.GradientAccumulation, "gradient accumulation");
        if (s.SequenceLength < 2)
        {
            problems.Add($"seq_len must be at least 2 (got {s.SequenceLength}).");
        }

        NonNegative(problems, s.WarmupSteps, "warmup steps");
        if (s.Steps is { } total && total > 0 && s.WarmupSteps >= total)
        {
            problems.Add($"warmup steps ({s.WarmupSteps}) must be fewer than steps ({total}).");
        }

        if (!(s.WeightDecay >= 0) || !double.IsFinite(s.WeightDecay))
        {
            problems.Add($"weight decay must be 0 or more (got {s.WeightDecay}).");
        }

        if (!(s.MaxGradNorm > 0) || !double.IsFinite(s.MaxGradNorm))
        {
            problems.Add($"max grad norm must be greater than 0 (got {s.MaxGradNorm}).");
        }

        if (!(s.ValidationFraction >= 0 && s.ValidationFraction <= 0.5))
        {
            problems.Add($"validation fraction must be between 0 and 0.5 (got {s.ValidationFraction}).");
        }

        NonNegative(problems, s.EvalInterval, "eval interval");
        NonNegative(problems, s.CheckpointInterval, "checkpoint interval");
        Positive(problems, s.CheckpointsToKeep, "checkpoints to keep");
        if (s.ProgressInterval is { } progressInterval)
        {
            Positive(problems, progressInterval, "progress interval");
        }

        NonNegative(problems, s.SampleMaxTokens, "sample max tokens");
        if (!(s.SampleTemperature > 0) || !double.IsFinite(s.SampleTemperature))
        {
            problems.Add($"sample temperature must be greater than 0 (got {s.SampleTemperature}).");
        }

        NonNegative(problems, s.SampleTopK, "sample top-k");
        if (s.MaxValidationBatches is { } maxBatches && maxBatches <= 0)
        {
            problems.Add($"max validation batches must be at least 1 (got {maxBatches}).");
        }

        if (s.SamplePrompts is null)
        {
            problems.Add("sample prompts must be a list (it may be empty).");
        }

        return problems;
    }

    private static void CheckModel(FineTuneSettings s, List<string> problems)
    {
        if (string.IsNullOrWhiteSpace(s.ModelDirectory))
        {
            problems.Add("model folder is not set.");
            return;
        }

        if (!Directory.Exists(s.ModelDirectory))
        {
            problems.Add($"model folder '{s.ModelDirectory}' does not exist.");
            return;
        }

        var missing = new[] { ModelFolderFacts.ConfigFileName, ModelFolderFacts.WeightsFileName }
            .Where(f => !File.Exists(Path.Combine(s.ModelDirectory, f)))
            .ToList();
        if (missing.Count > 0)
        {
            problems.Add($"model folder '{s.ModelDirectory}' has no {string.Join(" or ", missing)} (a Hugging Face GPT-2 folder is expected).");
            if (missing.Contains(ModelFolderFacts.ConfigFileName))
            {
                return;
            }
        }

        var facts = ModelFolderFacts.TryRead(s.ModelDirectory, out var problem);
        if (facts is null)
        {
            problems.Add(problem!);
        }
        else if (s.SequenceLength > facts.NPositions)
        {
            problems.Add($"seq_len {s.SequenceLength} is larger than the model's n_positions {facts.NPositions}.");
        }
    }

    private static void CheckData(FineTuneSettings s, List<string> problems)
    {
        if (string.IsNullOrWhiteSpace(s.DataPath))
        {
            problems.Add("data file is not set.");
        }
        else if (!File.Exists(s.DataPath))
        {
            problems.Add($"data file '{s.DataPath}' does not exist.");
        }
    }

    private static void Positive(List<string> problems, int value, string name)
    {
        if (value <= 0)
        {
            problems.Add($"{name} must be at least 1 (got {value}).");
        }
    }

    private static void NonNegative(List<string> problems, int value, string name)
    {
        if (value < 0)
        {
            problems.Add($"{name} must be 0 or more (got {value}).");
        }
    }
}
