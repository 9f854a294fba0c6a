using static TorchSharp.torch;

namespace StudyBot.Training.Models;

/// <summary>
/// GPT-2 with its language-modelling head tied to the token embedding (logits = h · wteᵀ), laid out like Hugging
/// Face's GPT2LMHeadModel so parameter names are the checkpoint keys ("transformer.h.0.attn.c_attn.weight", …).
/// Base weights may be bf16 (CUDA); logits always come back fp32.
/// </summary>
public sealed class Gpt2LMHeadModel : nn.Module<Tensor, Tensor>
{
#pragma warning disable IDE1006 // checkpoint naming
    private readonly Gpt2Model transformer;
#pragma warning restore IDE1006

    public Gpt2LMHeadModel(Gpt2Config config)
        : base("gpt2")
    {
        if (config.Problem() is { } problem)
        {
            throw new ArgumentException($"Invalid GPT-2 configuration: {problem}", nameof(config));
        }

        Config = config;
        transformer = new Gpt2Model("transformer", config);
        RegisterComponents();
    }

    public Gpt2Config Config { get; }

    public Gpt2Model Transformer => transformer;

    /// <summary>Input: int64 token ids [B, T] with T ≤ n_positions. Output: fp32 logits [B, T, vocab_size].</summary>
    public override Tensor forward(Tensor inputIds)
    {
        using var scope = NewDisposeScope();
        return LogitsFromHidden(HiddenStates(inputIds)).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// Final hidden states [B, T, n_embd] in the weights' dtype. With <see cref="LogitsFromHidden"/> this lets a
    /// trainer compute the loss over chunks of positions instead of materialising fp32 [B, T, vocab] at once.
    /// </summary>
    public Tensor HiddenStates(Tensor inputIds) => transformer.forward(inputIds);

    /// <summary>Tied LM head: hidden [..., n_embd] · wteᵀ → fp32 logits [..., vocab_size].</summary>
    public Tensor LogitsFromHidden(Tensor hidden)
    {
        using var scope = NewDisposeScope();
        var logits = nn.functional.linear(hidden, transformer.TokenEmbedding);
        return logits.to(ScalarType.Float32).MoveToOuterDisposeScope();
    }
}
