using StudyBot.Training.Safetensors;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace StudyBot.Training.Models;

/// <summary>
/// Moves GPT-2 weights between a <see cref="Gpt2LMHeadModel"/> and a Hugging Face model.safetensors. Keys may carry
/// the "transformer." prefix or not; the tied "lm_head.weight" and the causal-mask buffers (h.{i}.attn.bias,
/// h.{i}.attn.masked_bias) of older checkpoints are ignored.
/// </summary>
public static class Gpt2Checkpoint
{
    public const string WeightsFileName = "model.safetensors";
    private const string TransformerPrefix = "transformer.";
    private const string LmHeadName = TransformerPrefix + "lm_head.weight";

    /// <summary>Copies every weight from the file into the model (converting dtype); throws <see cref="ModelLoadException"/> naming the tensor and file.</summary>
    public static void LoadInto(Gpt2LMHeadModel model, string path)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (!File.Exists(path))
        {
            throw new ModelLoadException($"Model weights '{path}' do not exist.");
        }

        var expected = model.named_parameters().ToDictionary(p => p.name, p => p.parameter, StringComparer.Ordinal);
        SafetensorsContent content;
        try
        {
            content = SafetensorsFile.Read(path);
        }
        catch (SafetensorsFormatException e)
        {
            throw new ModelLoadException($"Model weights '{path}' cannot be read: {e.Message}", e);
        }

        using (content)
        {
            var pending = new List<(Parameter Destination, Tensor Source)>();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            Tensor? lmHead = null;
            Tensor? tokenEmbedding = null;
            foreach (var (key, tensor) in content.Tensors)
            {
                var name = key.StartsWith(TransformerPrefix, StringComparison.Ordinal) ? key : TransformerPrefix + key;
                if (name == LmHeadName)
                {
                    lmHead = tensor;
                    continue;
                }

                if (IsMaskBuffer(name))
                {
                    continue;
                }

                if (name == TransformerPrefix + "wte.weight")
                {
                    tokenEmbedding = tensor;
                }

                if (!expected.TryGetValue(name, out var destination))
                {
                    throw new ModelLoadException($"Model weights '{path}': unexpected tensor '{key}' (not part of GPT-2 with this config).");
                }

                if (!tensor.shape.SequenceEqual(destination.shape))
                {
                    throw new ModelLoadException($"Model weights '{path}': tensor '{key}' has shape [{string.Join(", ", tensor.shape)}] but config.json implies [{string.Join(", ", destination.shape)}].");
                }

                if (!tensor.is_floating_point())
                {
                    throw new ModelLoadException($"Model weights '{path}': tensor '{key}' has non-floating dtype {tensor.dtype}.");
                }

                if (!seen.Add(name))
                {
                    throw new ModelLoadException($"Model weights '{path}': tensor '{name}' appears twice (with and without the 'transformer.' prefix).");
                }

                pending.Add((destination, tensor));
            }

            var missing = expected.Keys.Where(k => !seen.Contains(k)).ToList();
            if (missing.Count > 0)
            {
                throw new ModelLoadException($"Model weights '{path}': missing tensor(s) {string.Join(", ", missing.Take(8).Select(m => $"'{m}'"))}{(missing.Count > 8 ? $" and {missing.Count - 8} more" : string.Empty)}.");
            }

            // GPT-2 ties the head to wte; a different stored head would be silently dropped, so refuse it.
            if (lmHead is not null && tokenEmbedding is not null && !(lmHead.shape.SequenceEqual(tokenEmbedding.shape) && lmHead.equal(tokenEmbedding).all().item<bool>()))
            {
                throw new ModelLoadException($"Model weights '{path}': 'lm_head.weight' differs from 'wte.weight'; untied LM heads are not supported.");
            }

            using var guard = no_grad();
            foreach (var (destination, source) in pending)
            {
                destination.copy_(source);
            }
        }
    }

    /// <summary>Writes the model's weights as Hugging Face save_pretrained does: "transformer."-prefixed keys, Conv1D (in, out) layout, no lm_head (tied).</summary>
    public static void Save(Gpt2LMHeadModel model, string path)
    {
        ArgumentNullException.ThrowIfNull(model);
        var tensors = model.named_parameters().ToDictionary(p => p.name, p => (Tensor)p.parameter, StringComparer.Ordinal);
        SafetensorsFile.Write(path, tensors, new Dictionary<string, string> { ["format"] = "pt" });
    }

    private static bool IsMaskBuffer(string name) =>
        name.EndsWith(".attn.bias", StringComparison.Ordinal)
        || name.EndsWith(".attn.masked_bias", StringComparison.Ordinal);
}
