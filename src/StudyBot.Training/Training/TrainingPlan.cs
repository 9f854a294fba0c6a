using StudyBot.Training.Data;
using StudyBot.Training.Tokenization;

namespace StudyBot.Training.Training;

/// <summary>
/// The run's shape once the data is tokenized: total optimizer steps (from steps or epochs), positions per step
/// (batch × accumulation × seq_len, padding included) and the real tokens a step holds on average (fewer than the
/// positions when short prompt/completion examples are padded; the step loop counts each step's exact number).
/// Checks what needs the data and model to check (batch against the number of sequences, warm-up against the
/// resulting step count, sample prompts against the tokenizer) and reports every problem at once. Public so the bot
/// can run the same checks before it queues a run.
/// </summary>
public sealed record TrainingPlan(int TotalSteps, long PositionsPerStep, double MeanTokensPerStep)
{
    /// <param name="modelPositions">The model's n_positions.</param>
    /// <exception cref="FineTuneValidationException">Every problem found.</exception>
    public static TrainingPlan Create(FineTuneSettings settings, TokenizedDataset dataset, int modelPositions, ITextTokenizer tokenizer)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(dataset);
        ArgumentNullException.ThrowIfNull(tokenizer);
        var problems = new List<string>();
        foreach (var prompt in settings.SamplePrompts)
        {
            try
            {
                tokenizer.Encode(prompt);
            }
            catch (TokenizationException ex)
            {
                problems.Add($"sample prompt \"{prompt}\" cannot be encoded by the model's tokenizer: {ex.Message}");
            }
        }

        if (settings.BatchSize > dataset.Train.Count)
        {
            problems.Add(
                $"batch size {settings.BatchSize} is larger than the {dataset.Train.Count} training sequences of seq_len {settings.SequenceLength} that '{dataset.SourceName}' gives ({dataset.TotalTokens} tokens); lower the batch size or seq_len, or add data.");
        }

        if (settings.SequenceLength > modelPositions)
        {
            problems.Add($"seq_len {settings.SequenceLength} is larger than the model's n_positions {modelPositions}.");
        }

        var microBatchesPerEpoch = Math.Max(1.0, (double)dataset.Train.Count / settings.BatchSize);
        var totalSteps = settings.Steps
            ?? (settings.Epochs is { } epochs
                ? (int)Math.Max(1, Math.Ceiling(epochs * microBatchesPerEpoch / settings.GradientAccumulation))
                : FineTuneSettings.DefaultSteps);
        if (settings.WarmupSteps >= totalSteps)
        {
            problems.Add($"warmup steps ({settings.WarmupSteps}) must be fewer than the run's {totalSteps} steps.");
        }

        if (problems.Count > 0)
        {
            throw new FineTuneValidationException(problems);
        }

        var sequencesPerStep = (long)settings.BatchSize * settings.GradientAccumulation;
        var meanTokensPerSequence = dataset.Train.Average(e => (double)e.TokenCount);
        return new TrainingPlan(totalSteps, sequencesPerStep * settings.SequenceLength, sequencesPerStep * meanTokensPerSequence);
    }
}
