using StudyBot.Training.Lora;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace StudyBot.Training.Models;

/// <summary>
/// Hugging Face's GPT-2 "Conv1D": a linear layer whose weight is stored transposed, as (in, out), so y = x·W + b.
/// Keeping that layout means checkpoint tensors copy in without transposes. A LoRA branch can be attached by
/// <see cref="LoraAdapter"/>; it is deliberately not a registered submodule, so the model's own parameters stay
/// exactly the checkpoint's.
/// </summary>
public sealed class Gpt2Conv1D : nn.Module<Tensor, Tensor>
{
    // Field names are the checkpoint key suffixes ("weight", "bias").
#pragma warning disable IDE1006 // checkpoint naming
    private Parameter weight;
    private Parameter bias;
#pragma warning restore IDE1006

    public Gpt2Conv1D(string name, long inFeatures, long outFeatures)
        : base(name)
    {
        InFeatures = inFeatures;
        OutFeatures = outFeatures;
        weight = new Parameter(zeros(inFeatures, outFeatures));
        bias = new Parameter(zeros(outFeatures));
        RegisterComponents();
    }

    public long InFeatures { get; }

    public long OutFeatures { get; }

    /// <summary>The weight, shape (in, out) as Hugging Face stores it.</summary>
    public Parameter Weight => weight;

    public Parameter Bias => bias;

    internal LoraBranch? Lora { get; set; }

    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        var leading = input.shape[..^1];
        var flat = input.reshape(-1, InFeatures);
        var output = addmm(bias, flat, weight, beta: 1, alpha: 1).view([.. leading, OutFeatures]);
        if (Lora is { Merged: false } lora)
        {
            output = output + lora.Delta(input, training).to(output.dtype);
        }

        return output.MoveToOuterDisposeScope();
    }
}
