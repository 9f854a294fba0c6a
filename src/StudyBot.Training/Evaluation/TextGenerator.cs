using StudyBot.Training.Tokenization;
using static TorchSharp.torch;

namespace StudyBot.Training.Evaluation;

/// <summary>
/// Continues a prompt token by token, stopping at end-of-text or after the maximum. The context is cropped to the
/// model's last n_positions tokens. There is no key/value cache: every token recomputes the window, which is fine
/// for the short samples shown in a report. Cancellation is checked before every token.
/// </summary>
public static class TextGenerator
{
    /// <summary>Returns only the generated continuation, decoded.</summary>
    public static string Generate(
        nn.Module<Tensor, Tensor> model,
        ITextTokenizer tokenizer,
        int maxPositions,
        string prompt,
        GenerationOptions options,
        Device device,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(tokenizer);
        ArgumentNullException.ThrowIfNull(options);
        var context = new List<int>(tokenizer.Encode(prompt ?? string.Empty));
        if (context.Count == 0)
        {
            // An empty prompt starts from end-of-text, as GPT-2 was trained to start documents.
            context.Add(tokenizer.EndOfTextId ?? 0);
        }

        var generated = new List<int>();
        var wasTraining = model.training;
        model.eval();
        using var generator = options.IsGreedy ? null : new Generator((ulong)options.Seed, device);
        try
        {
            using var guard = no_grad();
            for (var i = 0; i < options.MaxNewTokens; i++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                using var scope = NewDisposeScope();
                var window = context.Skip(Math.Max(0, context.Count - maxPositions)).Select(id => (long)id).ToArray();
                var input = tensor(window, [1, window.Length], ScalarType.Int64).to(device);
                var logits = model.forward(input)[0, -1];
                if (logits.shape[0] > tokenizer.VocabSize)
                {
                    // A checkpoint may pad its embedding past the tokenizer (vocab_size 50304 for 50257 tokens):
                    // those rows are never text, so they are never sampled.
                    logits = logits.narrow(0, 0, tokenizer.VocabSize);
                }

                var next = NextToken(logits, options, generator);
                if (next == tokenizer.EndOfTextId)
                {
                    break;
                }

                context.Add(next);
                generated.Add(next);
            }
        }
        finally
        {
            model.train(wasTraining);
        }

        return tokenizer.Decode(generated);
    }

    private static int NextToken(Tensor logits, GenerationOptions options, Generator? generator)
    {
        if (options.IsGreedy)
        {
            return (int)logits.argmax().cpu().item<long>();
        }

        var scaled = logits.to(ScalarType.Float32) / options.Temperature;
        if (options.TopK > 0 && options.TopK < scaled.shape[0])
        {
            var (values, _) = scaled.topk(options.TopK);
            var threshold = values[-1];
            scaled = scaled.masked_fill(scaled < threshold, double.NegativeInfinity);
        }

        var probabilities = nn.functional.softmax(scaled, dim: 0);
        return (int)multinomial(probabilities, 1, generator: generator).cpu().item<long>();
    }
}
