using StudyBot.Training.Tests.Lora;
using StudyBot.Training.Training;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace StudyBot.Training.Tests.Training;

public sealed class GradientClipperTests
{
    [Fact]
    public void Returns_the_global_norm_over_all_gradients_and_scales_them_down_to_max_norm()
    {
        using var scope = NewDisposeScope();
        var first = WithGradient([3f, 4f]);
        var second = WithGradient([12f]);
        var noGradient = new Parameter(tensor(new[] { 5f }), requires_grad: true);

        var norm = GradientClipper.ClipByGlobalNorm([first, second, noGradient], maxNorm: 6.5);

        // √(3² + 4² + 12²) = 13, so every gradient is halved (up to the 1e-6 guard in the denominator).
        Assert.Equal(13f, norm.item<float>(), 5);
        Assert.Equal([1.5f, 2f], first.grad!.data<float>().ToArray(), new FloatTolerance(1e-5f));
        Assert.Equal([6f], second.grad!.data<float>().ToArray(), new FloatTolerance(1e-5f));
        var clippedNorm = Math.Sqrt(first.grad!.square().sum().item<float>() + second.grad!.square().sum().item<float>());
        Assert.Equal(6.5, clippedNorm, 4);
        Assert.Null(noGradient.grad);
    }

    [Fact]
    public void Gradients_within_max_norm_are_left_exactly_as_they_were()
    {
        using var scope = NewDisposeScope();
        var first = WithGradient([0.3f, -0.4f]);
        var second = WithGradient([0.1f, 0.2f, -0.2f]);

        var norm = GradientClipper.ClipByGlobalNorm([first, second], maxNorm: 1.0);

        Assert.Equal(Math.Sqrt(0.09 + 0.16 + 0.01 + 0.04 + 0.04), norm.item<float>(), 5);
        Assert.Equal([0.3f, -0.4f], first.grad!.data<float>().ToArray());
        Assert.Equal([0.1f, 0.2f, -0.2f], second.grad!.data<float>().ToArray());
    }

    [Fact]
    public void Agrees_with_torch_clip_grad_norm_on_a_lora_models_real_gradients()
    {
        using var scope = NewDisposeScope();
        using var ours = LoraTestModels.Create();
        using var reference = LoraTestModels.Create();
        random.manual_seed(5);
        using var ourAdapter = StudyBot.Training.Lora.LoraAdapter.Inject(ours, new(Rank: 4, Alpha: 8, TargetModules: ["c_attn", "c_fc"]));
        random.manual_seed(5);
        using var referenceAdapter = StudyBot.Training.Lora.LoraAdapter.Inject(reference, new(Rank: 4, Alpha: 8, TargetModules: ["c_attn", "c_fc"]));
        random.manual_seed(6);
        var bValues = ourAdapter.TrainableParameters.Where((_, i) => i % 2 == 1).Select(b => randn(b.shape)).ToList();
        var inputs = randint(0, LoraTestModels.Config.VocabSize, [2, 10], ScalarType.Int64);
        var labels = randint(0, LoraTestModels.Config.VocabSize, [2, 10], ScalarType.Int64);
        foreach (var adapter in new[] { ourAdapter, referenceAdapter })
        {
            using (no_grad())
            {
                foreach (var (b, value) in adapter.TrainableParameters.Where((_, i) => i % 2 == 1).Zip(bValues))
                {
                    b.copy_(value);
                }
            }

            CausalLmLoss.Mean(adapter.Model.forward(inputs), labels).backward();
        }

        var norm = GradientClipper.ClipByGlobalNorm(ourAdapter.TrainableParameters, maxNorm: 0.01).item<float>();
        var referenceNorm = nn.utils.clip_grad_norm_(referenceAdapter.TrainableParameters, 0.01);

        Assert.True(referenceNorm > 0.01, $"the test needs gradients above max_norm, got {referenceNorm}");
        Assert.Equal(referenceNorm, norm, 4);
        foreach (var (a, b) in ourAdapter.TrainableParameters.Zip(referenceAdapter.TrainableParameters))
        {
            Assert.True(a.grad!.allclose(b.grad!, rtol: 1e-5, atol: 1e-9), "clipped gradients differ from clip_grad_norm_'s");
        }
    }

    [Fact]
    public void No_gradients_give_a_zero_norm()
    {
        using var scope = NewDisposeScope();
        var parameter = new Parameter(tensor(new[] { 1f }), requires_grad: true);

        Assert.Equal(0f, GradientClipper.ClipByGlobalNorm([parameter], 1.0).item<float>());
    }

    /// <summary>A parameter whose gradient is exactly <paramref name="gradient"/>, made by a real backward pass.</summary>
    private static Parameter WithGradient(float[] gradient)
    {
        var parameter = new Parameter(ones(gradient.Length), requires_grad: true);
        (parameter * tensor(gradient)).sum().backward();
        return parameter;
    }

    private sealed class FloatTolerance(float tolerance) : IEqualityComparer<float>
    {
        public bool Equals(float x, float y) => Math.Abs(x - y) <= tolerance;

        public int GetHashCode(float obj) => 0;
    }
}
