namespace StudyBot.Training.Models;

/// <summary>
/// Full-parameter pretraining of a tiny model before it is saved, so LoRA fine-tunes start from a model that has
/// seen some language. <see cref="Sources"/> are text files (.txt, .md, or .jsonl with "text" lines) or folders,
/// whose .md and .txt files are all read. Sequences are packed to min(<see cref="SequenceLength"/>, n_positions);
/// 10% are held out to report the validation loss before and after. AdamW with linear warm-up (10% of the steps)
/// and cosine decay, gradient clipping at 1.0.
/// </summary>
public sealed record TinyPretrainOptions(
    IReadOnlyList<string> Sources,
    int Steps,
    int BatchSize = 8,
    int SequenceLength = 128,
    double LearningRate = 3e-3,
    double WeightDecay = 0.01,
    int Seed = 1234)
{
    /// <summary>Returns null when the options are usable, otherwise what is wrong.</summary>
    public string? Problem()
    {
        if (Sources is null || Sources.Count == 0)
        {
            return "pretraining needs at least one text file or folder.";
        }

        if (Steps <= 0)
        {
            return $"pretraining steps must be positive (got {Steps}).";
        }

        if (BatchSize <= 0 || SequenceLength <= 0)
        {
            return $"pretraining batch size ({BatchSize}) and sequence length ({SequenceLength}) must be positive.";
        }

        if (!(LearningRate > 0) || !double.IsFinite(LearningRate))
        {
            return $"pretraining learning rate must be positive (got {LearningRate}).";
        }

        return WeightDecay < 0 || !double.IsFinite(WeightDecay) ? $"weight decay must not be negative (got {WeightDecay})." : null;
    }
}
