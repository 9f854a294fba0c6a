using StudyBot.Training.Data;
using StudyBot.Training.Tokenization;
using static TorchSharp.torch;

namespace StudyBot.Training.Models;

/// <summary>
/// Writes a small GPT-2 as a Hugging Face folder (config.json, model.safetensors, tokenizer files), random-init so that
/// LoRA has something to work with (<see cref="InitializeAsLoraBase"/>), optionally pretrained on some text first
/// (<see cref="TinyPretrainOptions"/>). Every input problem is reported before anything is written.
/// </summary>
public static class TinyModelFactory
{
    public const string ByteVocab = "byte";

    private const double HuggingFaceStd = 0.02;

    /// <summary>
    /// The token and position embeddings' init std for a model <paramref name="embd"/> wide: 1.6/√embd (0.2 at 64),
    /// so embedding rows have norm about 1.6. GPT-2's 0.02 suits a model that is about to be pretrained, not a random
    /// base that LoRA starts from: the head is tied to wte and, behind ln_f (gain 1), the hidden state has norm √embd,
    /// so no logit can exceed about √embd · row norm — near ±1.3 for a 64-wide model at 0.02 — and no adapter on the
    /// frozen blocks can make it confident about anything (200 LoRA steps on a paper note left the validation loss
    /// near ln 257). At 1.6/√embd the head can reach about ±1.6·√embd (±13 at 64).
    /// </summary>
    public static double DefaultEmbeddingStd(int embd)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(embd);
        return 1.6 / Math.Sqrt(embd);
    }

    /// <summary>
    /// Creates the model folder. With <paramref name="pretrain"/>, first trains all weights on that text (CPU) and
    /// returns what it did; otherwise returns null. Throws <see cref="ArgumentException"/> for impossible shapes or
    /// options and <see cref="DatasetException"/> for unusable pretraining text, before the folder is created.
    /// </summary>
    public static TinyPretrainResult? Create(
        string outDirectory,
        TinyModelOptions options,
        TinyPretrainOptions? pretrain = null,
        IProgress<TinyPretrainProgress>? progress = null,
        CancellationToken cancellationToken = default)
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

        var embeddingStd = options.EmbeddingStd ?? DefaultEmbeddingStd(options.Embd);
        if (!(embeddingStd > 0) || !double.IsFinite(embeddingStd))
        {
            throw new ArgumentException($"Cannot create the model: the embedding std must be positive (got {embeddingStd}).", nameof(options));
        }

        TokenizedDataset? pretrainData = null;
        if (pretrain is not null)
        {
            if (pretrain.Problem() is { } pretrainProblem)
            {
                throw new ArgumentException($"Cannot create the model: {pretrainProblem}", nameof(pretrain));
            }

            pretrainData = TinyPretrainData.Load(pretrain, tokenizer, config.NPositions);
        }

        TinyPretrainResult? result = null;
        using (var model = new Gpt2LMHeadModel(config))
        {
            InitializeAsLoraBase(model, config, options.Seed, embeddingStd);
            if (pretrainData is not null)
            {
                result = TinyModelPretrainer.Run(model, pretrainData, pretrain!, progress, cancellationToken: cancellationToken);
            }

            Directory.CreateDirectory(outDirectory);
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

        return result;
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
        var projectionStd = HuggingFaceStd / Math.Sqrt(2.0 * config.NLayer);
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
                var std = name.EndsWith("c_proj.weight", StringComparison.Ordinal) ? projectionStd : HuggingFaceStd;
                // init.normal_ ignores its generator in TorchSharp 0.107; randn honours it, so seeds are reproducible.
                using var sample = randn(parameter.shape, generator: generator);
                parameter.copy_(sample.mul_(std));
            }
        }
    }

    /// <summary>
    /// The tiny model's init: GPT-2's (<see cref="InitializeLikeHuggingFace"/>, same random draws), then the
    /// embeddings rescaled to <paramref name="embeddingStd"/> and every linear weight (c_attn, c_proj, c_fc) to
    /// 1/√fan_in. With GPT-2's 0.02 the random blocks of a narrow model are nearly linear and add almost nothing to
    /// the residual stream, so the hidden state is little more than the input byte's embedding and the tied head
    /// predicts that byte again; with 1/√fan_in the frozen blocks compute real (random) features that a LoRA update
    /// can steer, and the untrained model starts close to a uniform guess.
    /// </summary>
    public static void InitializeAsLoraBase(Gpt2LMHeadModel model, Gpt2Config config, int seed, double embeddingStd)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(config);
        InitializeLikeHuggingFace(model, config, seed);
        var projectionStd = HuggingFaceStd / Math.Sqrt(2.0 * config.NLayer);
        using var guard = no_grad();
        foreach (var (name, parameter) in model.named_parameters())
        {
            if (name.EndsWith("wte.weight", StringComparison.Ordinal) || name.EndsWith("wpe.weight", StringComparison.Ordinal))
            {
                parameter.mul_(embeddingStd / HuggingFaceStd);
            }
            else if (name.EndsWith(".weight", StringComparison.Ordinal) && !name.Contains(".ln_", StringComparison.Ordinal))
            {
                // Conv1D weights are stored [in, out].
                var drawnStd = name.EndsWith("c_proj.weight", StringComparison.Ordinal) ? projectionStd : HuggingFaceStd;
                parameter.mul_(1.0 / Math.Sqrt(parameter.shape[0]) / drawnStd);
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
