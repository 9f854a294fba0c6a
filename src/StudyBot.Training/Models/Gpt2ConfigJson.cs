using System.Text.Json;
using System.Text.Json.Nodes;
using StudyBot.Training.Training;

namespace StudyBot.Training.Models;

/// <summary>Reads and writes <see cref="Gpt2Config"/> as a Hugging Face GPT-2 config.json.</summary>
public static class Gpt2ConfigJson
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>Parses a config.json; throws <see cref="ModelLoadException"/> naming the file and the field.</summary>
    public static Gpt2Config Read(string path)
    {
        if (!File.Exists(path))
        {
            throw new ModelLoadException($"Model config '{path}' does not exist (a Hugging Face GPT-2 folder needs config.json).");
        }

        JsonObject root;
        try
        {
            root = JsonNode.Parse(File.ReadAllText(path)) as JsonObject
                ?? throw new ModelLoadException($"Model config '{path}' is not a JSON object.");
        }
        catch (JsonException e)
        {
            throw new ModelLoadException($"Model config '{path}' is not valid JSON: {e.Message}", e);
        }

        var modelType = OptionalString(root, "model_type", path);
        if (modelType is not null && modelType != "gpt2")
        {
            throw new ModelLoadException($"Model config '{path}': model_type '{modelType}' is not supported (only 'gpt2').");
        }

        var config = new Gpt2Config(
            VocabSize: RequiredInt(root, "vocab_size", path),
            NPositions: OptionalInt(root, "n_positions", path) ?? OptionalInt(root, "n_ctx", path)
                ?? throw new ModelLoadException($"Model config '{path}': 'n_positions' is missing."),
            NEmbd: RequiredInt(root, "n_embd", path),
            NLayer: RequiredInt(root, "n_layer", path),
            NHead: RequiredInt(root, "n_head", path),
            LayerNormEpsilon: OptionalDouble(root, "layer_norm_epsilon", path) ?? 1e-5,
            ActivationFunction: OptionalString(root, "activation_function", path) ?? "gelu_new",
            ResidPdrop: OptionalDouble(root, "resid_pdrop", path) ?? 0.1,
            EmbdPdrop: OptionalDouble(root, "embd_pdrop", path) ?? 0.1,
            AttnPdrop: OptionalDouble(root, "attn_pdrop", path) ?? 0.1);

        if (config.Problem() is { } problem)
        {
            throw new ModelLoadException($"Model config '{path}': {problem}");
        }

        RejectVariants(root, config, path);
        return config;
    }

    /// <summary>GPT-2 options this implementation does not have: a checkpoint that sets them would load without
    /// complaint and give wrong logits, so it is refused.</summary>
    private static void RejectVariants(JsonObject root, Gpt2Config config, string path)
    {
        static string Unsupported(string path, string setting) =>
            $"Model config '{path}': {setting} is not supported (StudyBot implements GPT-2 as released).";

        if (OptionalBool(root, "scale_attn_weights", path) == false)
        {
            throw new ModelLoadException(Unsupported(path, "scale_attn_weights = false"));
        }

        if (OptionalBool(root, "scale_attn_by_inverse_layer_idx", path) == true)
        {
            throw new ModelLoadException(Unsupported(path, "scale_attn_by_inverse_layer_idx = true"));
        }

        if (OptionalBool(root, "tie_word_embeddings", path) == false)
        {
            throw new ModelLoadException(Unsupported(path, "tie_word_embeddings = false (a separate lm_head)"));
        }

        if (OptionalInt(root, "n_inner", path) is { } inner && inner != 4 * config.NEmbd)
        {
            throw new ModelLoadException(Unsupported(path, $"n_inner = {inner} (only 4 × n_embd = {4 * config.NEmbd})"));
        }
    }

    /// <summary>Writes a config.json that Hugging Face transformers can load as GPT2LMHeadModel.</summary>
    public static void Write(string path, Gpt2Config config, int? bosTokenId = null, int? eosTokenId = null)
    {
        var root = new JsonObject
        {
            ["architectures"] = new JsonArray("GPT2LMHeadModel"),
            ["model_type"] = "gpt2",
            ["vocab_size"] = config.VocabSize,
            ["n_positions"] = config.NPositions,
            ["n_ctx"] = config.NPositions,
            ["n_embd"] = config.NEmbd,
            ["n_layer"] = config.NLayer,
            ["n_head"] = config.NHead,
            ["n_inner"] = null,
            ["activation_function"] = config.ActivationFunction,
            ["layer_norm_epsilon"] = config.LayerNormEpsilon,
            ["resid_pdrop"] = config.ResidPdrop,
            ["embd_pdrop"] = config.EmbdPdrop,
            ["attn_pdrop"] = config.AttnPdrop,
            ["initializer_range"] = 0.02,
            ["scale_attn_weights"] = true,
            ["tie_word_embeddings"] = true,
            ["use_cache"] = true,
            ["torch_dtype"] = "float32",
        };
        if (bosTokenId is { } bos)
        {
            root["bos_token_id"] = bos;
        }

        if (eosTokenId is { } eos)
        {
            root["eos_token_id"] = eos;
        }

        AtomicFile.WriteAllText(path, root.ToJsonString(Indented));
    }

    private static int RequiredInt(JsonObject root, string name, string path) =>
        OptionalInt(root, name, path) ?? throw new ModelLoadException($"Model config '{path}': '{name}' is missing.");

    private static int? OptionalInt(JsonObject root, string name, string path)
    {
        if (!root.TryGetPropertyValue(name, out var node) || node is null)
        {
            return null;
        }

        try
        {
            return node.GetValue<int>();
        }
        catch (Exception e) when (e is FormatException or InvalidOperationException)
        {
            throw new ModelLoadException($"Model config '{path}': '{name}' must be an integer.", e);
        }
    }

    private static double? OptionalDouble(JsonObject root, string name, string path)
    {
        if (!root.TryGetPropertyValue(name, out var node) || node is null)
        {
            return null;
        }

        try
        {
            return node.GetValue<double>();
        }
        catch (Exception e) when (e is FormatException or InvalidOperationException)
        {
            throw new ModelLoadException($"Model config '{path}': '{name}' must be a number.", e);
        }
    }

    private static bool? OptionalBool(JsonObject root, string name, string path)
    {
        if (!root.TryGetPropertyValue(name, out var node) || node is null)
        {
            return null;
        }

        try
        {
            return node.GetValue<bool>();
        }
        catch (Exception e) when (e is FormatException or InvalidOperationException)
        {
            throw new ModelLoadException($"Model config '{path}': '{name}' must be true or false.", e);
        }
    }

    private static string? OptionalString(JsonObject root, string name, string path)
    {
        if (!root.TryGetPropertyValue(name, out var node) || node is null)
        {
            return null;
        }

        try
        {
            return node.GetValue<string>();
        }
        catch (Exception e) when (e is FormatException or InvalidOperationException)
        {
            throw new ModelLoadException($"Model config '{path}': '{name}' must be a string.", e);
        }
    }
}
