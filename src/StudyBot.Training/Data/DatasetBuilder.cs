using StudyBot.Training.Tokenization;

namespace StudyBot.Training.Data;

/// <summary>
/// Tokenizes records into fixed-length sequences and splits them into training and validation sets.
/// Text is packed: documents joined with end-of-text between them and cut into windows of seq_len + 1 tokens that
/// overlap by one, so every token is predicted exactly once. Prompt/completion pairs become one sequence each,
/// padded to seq_len, with the loss taken only on completion tokens (and the end-of-text after them); an empty prompt
/// is end-of-text, as in generation.
/// </summary>
public static class DatasetBuilder
{
    public static TokenizedDataset Build(string path, ITextTokenizer tokenizer, DatasetBuildOptions options) =>
        Build(DatasetFileReader.Read(path), tokenizer, options);

    public static TokenizedDataset Build(RawDataset raw, ITextTokenizer tokenizer, DatasetBuildOptions options)
    {
        ArgumentNullException.ThrowIfNull(raw);
        ArgumentNullException.ThrowIfNull(tokenizer);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.SequenceLength);

        List<TrainingExample> examples;
        long totalTokens;
        var truncated = 0;
        if (raw.Format == DatasetFormat.JsonlPromptCompletion)
        {
            (examples, totalTokens, truncated) = BuildPromptCompletion(raw, tokenizer, options.SequenceLength);
        }
        else
        {
            (examples, totalTokens) = BuildPacked(raw, tokenizer, options.SequenceLength);
        }

        if (examples.Count < 2)
        {
            throw new DatasetException(
                $"'{raw.SourceName}' gives only {examples.Count} sequence of {options.SequenceLength} tokens; training needs at least 2 (one is held out for validation). Add data or lower seq_len.");
        }

        var (train, validation) = Split(examples, options);
        return new TokenizedDataset(raw.SourceName, raw.Format, options.SequenceLength, train, validation, totalTokens, truncated);
    }

    private static (List<TrainingExample> Examples, long Tokens) BuildPacked(RawDataset raw, ITextTokenizer tokenizer, int sequenceLength)
    {
        var stream = new List<int>();
        foreach (var record in raw.Records)
        {
            if (stream.Count > 0 && tokenizer.EndOfTextId is { } eos)
            {
                stream.Add(eos);
            }

            stream.AddRange(Encode(tokenizer, record.Text!, record, raw));
        }

        var windows = (stream.Count - 1) / sequenceLength;
        if (windows == 0)
        {
            throw new DatasetException(
                $"'{raw.SourceName}' has {stream.Count} tokens, fewer than one training sequence needs ({sequenceLength + 1}: seq_len + 1). Add text or lower seq_len.");
        }

        var examples = new List<TrainingExample>(windows);
        for (var w = 0; w < windows; w++)
        {
            var start = w * sequenceLength;
            var inputs = stream.GetRange(start, sequenceLength).ToArray();
            var labels = stream.GetRange(start + 1, sequenceLength).ToArray();
            examples.Add(new TrainingExample(inputs, labels, sequenceLength));
        }

        return (examples, stream.Count);
    }

    private static (List<TrainingExample> Examples, long Tokens, int Truncated) BuildPromptCompletion(
        RawDataset raw, ITextTokenizer tokenizer, int sequenceLength)
    {
        var examples = new List<TrainingExample>(raw.Records.Count);
        long tokens = 0;
        var truncated = 0;
        var padId = tokenizer.EndOfTextId ?? 0;
        var startId = tokenizer.EndOfTextId ?? 0;
        foreach (var record in raw.Records)
        {
            var prompt = record.Prompt!.Length == 0 ? [] : Encode(tokenizer, record.Prompt, record, raw);
            if (prompt.Count == 0)
            {
                // An empty prompt becomes end-of-text, the token generation starts an empty prompt from (TextGenerator),
                // so the first completion token is predicted from it and trained like the rest.
                prompt = [startId];
            }

            var completion = Encode(tokenizer, record.Completion!, record, raw);
            var ids = new List<int>(prompt.Count + completion.Count + 1);
            ids.AddRange(prompt);
            ids.AddRange(completion);
            if (tokenizer.EndOfTextId is { } eos)
            {
                ids.Add(eos);
            }

            tokens += ids.Count;
            // Position t predicts ids[t + 1]; the first prediction that lands on a completion token is at prompt.Count - 1
            // (the prompt is never empty here).
            var firstTarget = prompt.Count;
            if (firstTarget > sequenceLength)
            {
                throw new DatasetException(
                    $"'{raw.SourceName}' line {record.LineNumber}: the prompt is {prompt.Count} tokens, leaving no room for the completion within seq_len {sequenceLength}. Shorten the prompt or raise seq_len.",
                    record.LineNumber);
            }

            if (ids.Count > sequenceLength + 1)
            {
                truncated++;
                ids.RemoveRange(sequenceLength + 1, ids.Count - (sequenceLength + 1));
            }

            var inputs = Enumerable.Repeat(padId, sequenceLength).ToArray();
            var labels = Enumerable.Repeat(TrainingExample.IgnoreIndex, sequenceLength).ToArray();
            for (var t = 0; t < ids.Count - 1; t++)
            {
                inputs[t] = ids[t];
                if (t + 1 >= firstTarget)
                {
                    labels[t] = ids[t + 1];
                }
            }

            examples.Add(new TrainingExample(inputs, labels, ids.Count - 1));
        }

        return (examples, tokens, truncated);
    }

    private static IReadOnlyList<int> Encode(ITextTokenizer tokenizer, string text, DatasetRecord record, RawDataset raw)
    {
        IReadOnlyList<int> ids;
        try
        {
            ids = tokenizer.Encode(text);
        }
        catch (TokenizationException ex)
        {
            throw Located(raw, record, $"the model's tokenizer cannot encode this text: {ex.Message}", ex);
        }

        foreach (var id in ids)
        {
            if (id < 0 || id >= tokenizer.VocabSize)
            {
                throw Located(raw, record, $"the tokenizer produced id {id}, outside its vocabulary of {tokenizer.VocabSize}.", null);
            }
        }

        return ids;
    }

    private static DatasetException Located(RawDataset raw, DatasetRecord record, string problem, Exception? inner)
    {
        var where = raw.Format == DatasetFormat.PlainText ? $"'{raw.SourceName}'" : $"'{raw.SourceName}' line {record.LineNumber}";
        var message = $"{where}: {problem}";
        return inner is null ? new DatasetException(message, record.LineNumber) : new DatasetException(message, record.LineNumber, inner);
    }

    private static (List<TrainingExample> Train, List<TrainingExample> Validation) Split(List<TrainingExample> examples, DatasetBuildOptions options)
    {
        var validationCount = (int)Math.Round(examples.Count * Math.Clamp(options.ValidationFraction, 0, 1));
        validationCount = Math.Clamp(validationCount, 1, examples.Count - 1);
        var order = new SeededRandom(SeededRandom.Derive(options.SplitSeed, 0x5EED_5B17)).Permutation(examples.Count);
        var held = order.Take(validationCount).Order().ToHashSet();
        var train = new List<TrainingExample>(examples.Count - validationCount);
        var validation = new List<TrainingExample>(validationCount);
        for (var i = 0; i < examples.Count; i++)
        {
            (held.Contains(i) ? validation : train).Add(examples[i]);
        }

        return (train, validation);
    }
}
