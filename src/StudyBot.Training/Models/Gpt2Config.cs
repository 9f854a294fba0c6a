namespace StudyBot.Training.Models;

/// <summary>
/// GPT-2 hyper-parameters; (de)serialised with the Hugging Face config.json names (vocab_size, n_positions, n_embd,
/// n_layer, n_head, layer_norm_epsilon, activation_function, resid_pdrop, embd_pdrop, attn_pdrop) by <see cref="Gpt2ConfigJson"/>.
/// Dropout probabilities default to 0 here; the loader applies Hugging Face's 0.1 when a config.json omits them.
/// </summary>
public sealed record Gpt2Config(
    int VocabSize,
    int NPositions,
    int NEmbd,
    int NLayer,
    int NHead,
    double LayerNormEpsilon = 1e-5,
    string ActivationFunction = "gelu_new",
    double ResidPdrop = 0.0,
    double EmbdPdrop = 0.0,
    double AttnPdrop = 0.0)
{
    /// <summary>Activation names that all mean the tanh approximation of GELU in Hugging Face's ACT2FN.</summary>
    public static IReadOnlyList<string> SupportedActivations { get; } = ["gelu_new", "gelu_pytorch_tanh", "gelu_fast"];

    public int HeadDim => NEmbd / NHead;

    /// <summary>Returns null when the configuration is usable, otherwise what is wrong.</summary>
    public string? Problem()
    {
        if (VocabSize <= 0 || NPositions <= 0 || NEmbd <= 0 || NLayer <= 0 || NHead <= 0)
        {
            return $"vocab_size ({VocabSize}), n_positions ({NPositions}), n_embd ({NEmbd}), n_layer ({NLayer}) and n_head ({NHead}) must all be positive.";
        }

        if (NEmbd % NHead != 0)
        {
            return $"n_embd ({NEmbd}) must be divisible by n_head ({NHead}).";
        }

        if (!SupportedActivations.Contains(ActivationFunction, StringComparer.Ordinal))
        {
            return $"activation_function '{ActivationFunction}' is not supported (supported: {string.Join(", ", SupportedActivations)}).";
        }

        if (LayerNormEpsilon <= 0)
        {
            return $"layer_norm_epsilon ({LayerNormEpsilon}) must be positive.";
        }

        foreach (var p in new[] { ResidPdrop, EmbdPdrop, AttnPdrop })
        {
            if (p is < 0 or >= 1)
            {
                return $"dropout probabilities must be in [0, 1); got {p}.";
            }
        }

        return null;
    }
}
