using TorchSharp.Modules;
using static TorchSharp.torch;

namespace StudyBot.Training.Training;

/// <summary>
/// Clips gradients to a global L2 norm entirely on the device. TorchSharp's clip_grad_norm_ returns the norm as a
/// double, which forces a host synchronisation every step; here the scale is a device tensor and the norm is
/// returned as one, to be read whenever the caller reads its other statistics.
/// </summary>
public static class GradientClipper
{
    /// <summary>Scales every gradient by min(1, maxNorm / (norm + 1e-6)); returns the pre-clip norm (0-dim fp32 tensor).</summary>
    public static Tensor ClipByGlobalNorm(IReadOnlyList<Parameter> parameters, double maxNorm)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        using var scope = NewDisposeScope();
        var grads = parameters.Select(p => p.grad).OfType<Tensor>().ToList();
        if (grads.Count == 0)
        {
            return zeros(1, ScalarType.Float32).squeeze().MoveToOuterDisposeScope();
        }

        using var guard = no_grad();
        var norms = stack(grads.Select(g => g.detach().to(ScalarType.Float32).norm()).ToArray());
        var total = norms.norm();
        var scale = (maxNorm / (total + 1e-6)).clamp_max(1.0);
        foreach (var grad in grads)
        {
            grad.mul_(scale.to(grad.dtype));
        }

        return total.MoveToOuterDisposeScope();
    }
}
