using TorchSharp.Modules;
using static TorchSharp.torch;

namespace StudyBot.Training.Lora;

/// <summary>
/// The low-rank update of one layer: Δ(x) = B·A·dropout(x) · alpha/r, with A [r, in] Kaiming-uniform (a = √5) and
/// B [out, r] zero, as in PEFT. Kept in fp32 whatever the base weights' dtype.
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

    public Tensor Delta(Tensor input, bool training)
    {
        using var scope = NewDisposeScope();
        var x = input.to(ScalarType.Float32);
        if (training && DropoutProbability > 0)
        {
            x = nn.functional.dropout(x, DropoutProbability, training: true);
        }

        var delta = nn.functional.linear(nn.functional.linear(x, A), B).mul(Scaling);
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
