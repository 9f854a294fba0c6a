using System.Globalization;
using StudyBot.Core.Commands;
using StudyBot.Core.FineTune;
using StudyBot.Training.Data;
using StudyBot.Training.Tokenization;
using StudyBot.Training.Training;

namespace StudyBot.FineTune;

/// <summary>How a checked data set fits a run: the batch size to train with and, when it had to be lowered, why.</summary>
/// <param name="Note">A member-facing sentence when <paramref name="BatchSize"/> is below the asked batch size; else null.</param>
public sealed record FineTuneDataFit(int BatchSize, int TrainSequences, int ValidationSequences, string? Note);

/// <summary>
/// Before a run is queued, the checks the trainer makes once it has tokenized the data: the model folder's tokenizer
/// encodes the data (<see cref="DatasetBuilder.Build(RawDataset, ITextTokenizer, DatasetBuildOptions)"/> with the
/// trainer's options), then the trainer's own <see cref="TrainingPlan"/> checks against the result (seq_len against
/// n_positions, warm-up against the steps, the sample prompts against the tokenizer); none of this needs TorchSharp.
/// A batch larger than the training sequences is lowered to fit (members do not choose the batch); anything else is
/// refused with the trainer's message, which names the setting to change.
/// </summary>
public static class FineTuneDataCheck
{
    /// <param name="trainer">The run's trainer settings, with its data file already at <see cref="FineTuneSettings.DataPath"/>.</param>
    /// <param name="dataName">The data set's name as the member knows it (file name, paper, sample).</param>
    /// <exception cref="CommandInputException">The data does not fit the settings.</exception>
    public static FineTuneDataFit Check(FineTuneSettings trainer, string dataName, int positions)
    {
        ArgumentNullException.ThrowIfNull(trainer);
        var seq = trainer.SequenceLength;
        ITextTokenizer tokenizer;
        try
        {
            tokenizer = TokenizerLoader.Load(trainer.ModelDirectory);
        }
        catch (TokenizationException e)
        {
            throw new CommandInputException($"The model cannot be trained: {e.Message} An admin should check the models folder.", e);
        }

        TokenizedDataset dataset;
        try
        {
            var raw = DatasetFileReader.Read(trainer.DataPath);
            // As LoraTrainer builds it: the default split seed, so the same sequences are held out as in the trainer.
            dataset = DatasetBuilder.Build(raw, tokenizer, new DatasetBuildOptions(seq, trainer.ValidationFraction));
        }
        catch (DatasetException e)
        {
            // Without a line number the data as a whole is too short for the sequence length.
            var hint = e.LineNumber is null
                ? $" Set a smaller `seq_len` (this run: {seq}) or give a bigger data set."
                : string.Empty;
            throw new CommandInputException($"The run was not queued: {Named(e.Message, trainer.DataPath, dataName)}{hint}", e);
        }
        catch (IOException e)
        {
            throw new CommandInputException("The data could not be read back on the host; the run was not queued. Please tell an admin.", e);
        }

        var train = dataset.Train.Count;
        var batch = Math.Min(trainer.BatchSize, train);
        try
        {
            // The trainer's own checks (seq_len, warm-up, sample prompts), on the batch the run will use.
            TrainingPlan.Create(trainer with { BatchSize = batch }, dataset, positions, tokenizer);
        }
        catch (FineTuneValidationException e)
        {
            throw new CommandInputException($"The run was not queued: {string.Join(" ", e.Problems)}", e);
        }

        var note = batch < trainer.BatchSize
            ? string.Create(
                CultureInfo.InvariantCulture,
                $"{dataName} gives {train} training sequence{(train == 1 ? "" : "s")} at `seq_len` {seq}, fewer than the usual batch of {trainer.BatchSize}, " +
                $"so this run trains with batch size {batch}. A smaller `seq_len` or a bigger data set gives full batches.")
            : null;
        return new FineTuneDataFit(batch, train, dataset.Validation.Count, note);
    }

    // The Training library names the file it read ('data.txt'); the member knows the data by its own name.
    private static string Named(string message, string dataPath, string dataName) =>
        message.Replace($"'{Path.GetFileName(dataPath)}'", dataName, StringComparison.Ordinal);
}
