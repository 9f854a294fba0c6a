using TorchSharp.Modules;
using static TorchSharp.torch;

namespace StudyBot.Training.Lora;

/// <summary>
/// The low-rank update of one layer: Δ(x) = B·A·dropout(x) · alpha/r, with A [r, in] Kaiming-uniform (a = √5) and
/// B [out, r] zero, as in PEFT. The parameters are fp32 whatever the base weights' dtype.
/// </summary>
internal sealed class LoraBranch : IDisposable
{
    public LoraBranch(long inFeatures, long outFeatures, int rank, double scaling, double dropout, Device device)
    {
        Scaling = scaling;
        DropoutProbability = dropout;
        using (no_grad())
        {
            var a = empty([rank, inFeatures], ScalarType.Float32, device);
            nn.init.kaiming_uniform_(a, Math.Sqrt(5));
            A = new Parameter(a, requires_grad: true);
            B = new Parameter(zeros([outFeatures, rank], ScalarType.Float32, device), requires_grad: true);
        }
    }

    public Parameter A { get; }

    public Parameter B { get; }

    public double Scaling { get; }

    public double DropoutProbability { get; }

    public bool Merged { get; set; }

    /// <summary>
    /// The update for <paramref name="input"/>, in the input's dtype. With bf16/fp16 activations (frozen bf16 base on
    /// CUDA) the fp32 A/B are cast for the matmuls, which is what PEFT gets under autocast; gradients still reach the
    /// fp32 parameters through the cast. With fp32 activations everything stays fp32.
    /// </summary>
    public Tensor Delta(Tensor input, bool training)
    {
        using var scope = NewDisposeScope();
        var x = input;
        if (training && DropoutProbability > 0)
        {
            x = nn.functional.dropout(x, DropoutProbability, training: true);
        }

        var a = A.dtype == x.dtype ? (Tensor)A : A.to(x.dtype);
        var b = B.dtype == x.dtype ? (Tensor)B : B.to(x.dtype);
        var delta = nn.functional.linear(nn.functional.linear(x, a), b).mul(Scaling);
        return delta.MoveToOuterDisposeScope();
    }

    /// <summary>ΔW in the Conv1D (in, out) layout: scaling · Aᵀ·Bᵀ.</summary>
    public Tensor DeltaWeight()
    {
        using var scope = NewDisposeScope();
        return A.detach().t().matmul(B.detach().t()).mul(Scaling).MoveToOuterDisposeScope();
    }

    public void Dispose()
    {
        A.Dispose();
        B.Dispose();
    }
}
