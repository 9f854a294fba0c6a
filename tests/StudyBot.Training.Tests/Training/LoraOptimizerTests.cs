using StudyBot.Training.Lora;
using StudyBot.Training.Tests.Lora;
using StudyBot.Training.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace StudyBot.Training.Tests.Training;

public sealed class LoraOptimizerTests
{
    private static readonly LoraSettings AllLayers = new(Rank: 4, Alpha: 8, TargetModules: ["c_attn", "c_proj", "c_fc"]);

    [Theory]
    [InlineData(0.1)]
    [InlineData(0.0)]
    public void With_a_zero_gradient_AdamW_only_applies_decoupled_decay_of_lr_times_weight_decay(double weightDecay)
    {
        using var scope = NewDisposeScope();
        using var model = LoraTestModels.Create();
        random.manual_seed(3);
        using var adapter = LoraAdapter.Inject(model, AllLayers);
        RandomizeB(adapter);
        const double learningRate = 0.05;
        using var optimizer = LoraOptimizer.Create(adapter, Settings() with { LearningRate = learningRate, WeightDecay = weightDecay });
        var before = adapter.TrainableParameters.Select(p => p.detach().clone()).ToList();

        const int steps = 3;
        for (var step = 0; step < steps; step++)
        {
            optimizer.zero_grad();
            // A real backward pass whose gradient is exactly zero: Adam's moment update is then nothing, only decay moves p.
            (adapter.TrainableParameters.Select(p => p.sum()).Aggregate((x, y) => x + y) * 0).backward();
            optimizer.step();
        }

        var factor = Math.Pow(1 - (learningRate * weightDecay), steps);
        foreach (var (after, original) in adapter.TrainableParameters.Zip(before))
        {
            Assert.True(after.allclose(original * factor, rtol: 1e-6, atol: 0), $"expected p·{factor} after {steps} steps");
            if (weightDecay == 0)
            {
                Assert.True(after.equal(original).all().item<bool>());
            }
            else
            {
                Assert.False(after.equal(original).all().item<bool>());
            }
        }
    }

    [Fact]
    public void Only_the_adapter_matrices_are_optimised_and_the_frozen_base_does_not_move()
    {
        using var scope = NewDisposeScope();
        using var model = LoraTestModels.Create();
        random.manual_seed(4);
        using var adapter = LoraAdapter.Inject(model, AllLayers);
        RandomizeB(adapter);
        using var optimizer = LoraOptimizer.Create(adapter, Settings() with { LearningRate = 0.05, WeightDecay = 0.1 });
        var optimised = optimizer.parameters().ToList();
        var baseWeights = model.named_parameters().Select(p => (p.name, Value: p.parameter.detach().clone())).ToList();
        var adapterBefore = adapter.TrainableParameters.Select(p => p.detach().clone()).ToList();

        model.train();
        for (var step = 0; step < 2; step++)
        {
            optimizer.zero_grad();
            var inputs = randint(0, LoraTestModels.Config.VocabSize, [2, 8], ScalarType.Int64);
            CausalLmLoss.Mean(model.forward(inputs), inputs.roll(-1, 1)).backward();
            optimizer.step();
        }

        Assert.Equal(adapter.TrainableParameters.Count, optimised.Count);
        Assert.All(optimised.Zip(adapter.TrainableParameters), pair => Assert.Same(pair.Second, pair.First));
        // c_attn, attn.c_proj, mlp.c_fc and mlp.c_proj in each block, A and B each.
        Assert.Equal(4 * 2 * LoraTestModels.Config.NLayer, optimised.Count);
        Assert.All(model.named_parameters(), p =>
        {
            Assert.False(p.parameter.requires_grad, $"{p.name} is trainable");
            Assert.Null(p.parameter.grad);
        });
        foreach (var (name, value) in baseWeights)
        {
            Assert.True(model.get_parameter(name)!.equal(value).all().item<bool>(), $"base weight {name} changed");
        }

        Assert.All(adapter.TrainableParameters.Zip(adapterBefore), pair => Assert.False(pair.First.equal(pair.Second).all().item<bool>()));
    }

    /// <summary>B starts at zero (and so would neither decay nor pass gradient to A): give it values.</summary>
    private static void RandomizeB(LoraAdapter adapter)
    {
        using var guard = no_grad();
        foreach (var b in adapter.TrainableParameters.Where((_, i) => i % 2 == 1))
        {
            b.normal_(0, 0.1);
        }
    }

    private static FineTuneSettings Settings() => new() { ModelDirectory = "unused", DataPath = "unused", OutputDirectory = "unused" };
}
