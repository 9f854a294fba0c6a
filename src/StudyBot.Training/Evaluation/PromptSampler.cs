using StudyBot.Training.Tokenization;
using static TorchSharp.torch;

namespace StudyBot.Training.Evaluation;

/// <summary>Generates the report's samples: for every prompt one greedy and one sampled continuation.</summary>
public static class PromptSampler
{
    public const string GreedyDecoding = "greedy";
    public const string SampledDecoding = "sampled";

    /// <summary>Continuations in prompt order, greedy before sampled for each prompt.</summary>
    public static IReadOnlyList<SampleText> Generate(
        nn.Module<Tensor, Tensor> model,
        ITextTokenizer tokenizer,
        int maxPositions,
        IReadOnlyList<string> prompts,
        SamplingSettings settings,
        Device device,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(prompts);
        ArgumentNullException.ThrowIfNull(settings);
        var results = new List<SampleText>(prompts.Count * 2);
        for (var i = 0; i < prompts.Count; i++)
        {
            var greedy = TextGenerator.Generate(model, tokenizer, maxPositions, prompts[i], GenerationOptions.Greedy(settings.MaxNewTokens), device, cancellationToken);
            results.Add(new SampleText(prompts[i], GreedyDecoding, greedy));
            var sampledOptions = new GenerationOptions(settings.MaxNewTokens, settings.Temperature, settings.TopK, settings.Seed + i);
            var sampled = TextGenerator.Generate(model, tokenizer, maxPositions, prompts[i], sampledOptions, device, cancellationToken);
            results.Add(new SampleText(prompts[i], SampledDecoding, sampled));
        }

        return results;
    }

    /// <summary>Pairs the before and after continuations of the same prompt and decoding.</summary>
    public static IReadOnlyList<GeneratedSample> Pair(
        IReadOnlyList<SampleText> before,
        IReadOnlyList<SampleText>? after)
    {
        ArgumentNullException.ThrowIfNull(before);
        return before
            .Select((b, i) => new GeneratedSample(b.Prompt, b.Decoding, b.Text, after is not null && i < after.Count ? after[i].Text : null))
            .ToList();
    }
}
