using StudyBot.Training.Tokenization;
using static TorchSharp.torch;

namespace StudyBot.Training.Models;

/// <summary>Writes a random-init GPT-2 as a Hugging Face folder (config.json, model.safetensors, tokenizer files).</summary>
public static class TinyModelFactory
{
    public const string ByteVocab = "byte";

    public static void Create(string outDirectory, TinyModelOptions options)
    {
        ArgumentNullException.ThrowIfNull(outDirectory);
        ArgumentNullException.ThrowIfNull(options);

        ITextTokenizer tokenizer = options.Vocab == ByteVocab
            ? new ByteTokenizer()
            : LoadBpeVocab(options.Vocab);
        var config = new Gpt2Config(
            VocabSize: tokenizer.VocabSize,
            NPositions: options.Positions,
            NEmbd: options.Embd,
            NLayer: options.Layers,
            NHead: options.Heads,
            ResidPdrop: options.Dropout,
            EmbdPdrop: options.Dropout,
            AttnPdrop: options.Dropout);
        if (config.Problem() is { } problem)
        {
            throw new ArgumentException($"Cannot create the model: {problem}", nameof(options));
        }

        Directory.CreateDirectory(outDirectory);
        using (var model = new Gpt2LMHeadModel(config))
        {
            InitializeLikeHuggingFace(model, config, options.Seed);
            Gpt2Checkpoint.Save(model, Path.Combine(outDirectory, Gpt2Checkpoint.WeightsFileName));
        }

        Gpt2ConfigJson.Write(Path.Combine(outDirectory, Gpt2Loader.ConfigFileName), config, tokenizer.EndOfTextId, tokenizer.EndOfTextId);
        if (options.Vocab == ByteVocab)
        {
            TokenizerLoader.WriteByteTokenizerFiles(outDirectory);
        }
        else
        {
            File.Copy(Path.Combine(options.Vocab, TokenizerLoader.VocabFileName), Path.Combine(outDirectory, TokenizerLoader.VocabFileName), overwrite: true);
            File.Copy(Path.Combine(options.Vocab, TokenizerLoader.MergesFileName), Path.Combine(outDirectory, TokenizerLoader.MergesFileName), overwrite: true);
        }
    }

    /// <summary>
    /// GPT-2's _init_weights: weights and embeddings N(0, 0.02), biases 0, LayerNorm 1/0, and every c_proj weight
    /// N(0, 0.02/√(2·n_layer)) so the residual stream's variance does not grow with depth.
    /// </summary>
    public static void InitializeLikeHuggingFace(Gpt2LMHeadModel model, Gpt2Config config, int seed)
    {
        ArgumentNullException.ThrowIfNull(model);
        using var generator = new Generator((ulong)seed);
        using var guard = no_grad();
        var projectionStd = 0.02 / Math.Sqrt(2.0 * config.NLayer);
        foreach (var (name, parameter) in model.named_parameters())
        {
            var isLayerNorm = name.Contains(".ln_", StringComparison.Ordinal);
            if (isLayerNorm)
            {
                if (name.EndsWith(".weight", StringComparison.Ordinal))
                {
                    parameter.fill_(1.0);
                }
                else
                {
                    parameter.zero_();
                }
            }
            else if (name.EndsWith(".bias", StringComparison.Ordinal))
            {
                parameter.zero_();
            }
            else
            {
                var std = name.EndsWith("c_proj.weight", StringComparison.Ordinal) ? projectionStd : 0.02;
                // init.normal_ ignores its generator in TorchSharp 0.107; randn honours it, so seeds are reproducible.
                using var sample = randn(parameter.shape, generator: generator);
                parameter.copy_(sample.mul_(std));
            }
        }
    }

    private static ITextTokenizer LoadBpeVocab(string folder)
    {
        var vocab = Path.Combine(folder, TokenizerLoader.VocabFileName);
        var merges = Path.Combine(folder, TokenizerLoader.MergesFileName);
        if (!File.Exists(vocab) || !File.Exists(merges))
        {
            throw new ArgumentException($"Vocab must be \"{ByteVocab}\" or a folder with {TokenizerLoader.VocabFileName} and {TokenizerLoader.MergesFileName}; '{folder}' has neither.");
        }

        return Gpt2BpeTokenizer.FromFiles(vocab, merges);
    }
}
