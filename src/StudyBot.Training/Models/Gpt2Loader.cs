using StudyBot.Training.Tokenization;
using TorchSharp;
using static TorchSharp.torch;

namespace StudyBot.Training.Models;

/// <summary>Loads a Hugging Face GPT-2 folder: config.json, model.safetensors and the tokenizer files.</summary>
public static class Gpt2Loader
{
    public const string ConfigFileName = "config.json";

    /// <summary>
    /// Loads the model onto <paramref name="device"/> with its floating-point weights in <paramref name="baseWeightsType"/>
    /// (Float32 on CPU, BFloat16 on CUDA), in eval mode. Throws <see cref="ModelLoadException"/> naming the file and problem.
    /// </summary>
    public static PretrainedGpt2 Load(string directory, Device device, ScalarType baseWeightsType)
    {
        ArgumentNullException.ThrowIfNull(directory);
        if (!System.IO.Directory.Exists(directory))
        {
            throw new ModelLoadException($"Model folder '{directory}' does not exist.");
        }

        if (baseWeightsType is not (ScalarType.Float32 or ScalarType.BFloat16 or ScalarType.Float16))
        {
            throw new ArgumentException($"Base weights must be Float32, BFloat16 or Float16, not {baseWeightsType}.", nameof(baseWeightsType));
        }

        var config = Gpt2ConfigJson.Read(Path.Combine(directory, ConfigFileName));
        var weightsPath = Path.Combine(directory, Gpt2Checkpoint.WeightsFileName);
        if (!File.Exists(weightsPath))
        {
            var hint = File.Exists(Path.Combine(directory, "model.safetensors.index.json")) ? " (sharded checkpoints are not supported)"
                : File.Exists(Path.Combine(directory, "pytorch_model.bin")) ? " (only safetensors is supported, not pytorch_model.bin)"
                : string.Empty;
            throw new ModelLoadException($"Model weights '{weightsPath}' do not exist{hint}.");
        }

        ITextTokenizer tokenizer;
        try
        {
            tokenizer = TokenizerLoader.Load(directory);
        }
        catch (TokenizationException e)
        {
            throw new ModelLoadException(e.Message, e);
        }

        if (tokenizer.VocabSize > config.VocabSize)
        {
            throw new ModelLoadException($"Model folder '{directory}': the tokenizer has {tokenizer.VocabSize} tokens but config.json's vocab_size is {config.VocabSize}.");
        }

        var model = new Gpt2LMHeadModel(config);
        try
        {
            Gpt2Checkpoint.LoadInto(model, weightsPath);
            model.to(device);
            model.to(baseWeightsType);
            model.eval();
        }
        catch
        {
            model.Dispose();
            throw;
        }

        return new PretrainedGpt2(config, model, tokenizer, Path.GetFullPath(directory));
    }
}
