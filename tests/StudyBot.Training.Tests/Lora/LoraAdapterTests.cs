using StudyBot.Training.Lora;
using StudyBot.Training.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace StudyBot.Training.Tests.Lora;

public sealed class LoraAdapterTests
{
    private static readonly LoraSettings AllLayers = new(Rank: 4, Alpha: 8, TargetModules: ["c_attn", "c_proj", "c_fc"]);

    [Fact]
    public void Wrapped_model_equals_the_base_model_exactly_at_initialisation()
    {
        using var scope = NewDisposeScope();
        using var model = LoraTestModels.Create();
        var input = Tokens();
        using var guard = no_grad();
        var before = model.forward(input);

        using var adapter = LoraAdapter.Inject(model, AllLayers);
        var after = model.forward(input);

        Assert.True(before.equal(after).all().item<bool>());
        Assert.All(adapter.TrainableParameters.Where((_, i) => i % 2 == 1), b => Assert.True(b.eq(0).all().item<bool>()));
    }

    [Fact]
    public void A_is_kaiming_uniform_with_a_sqrt5_so_bounded_by_one_over_sqrt_fan_in()
    {
        using var scope = NewDisposeScope();
        using var model = LoraTestModels.Create();
        using var adapter = LoraAdapter.Inject(model, new LoraSettings(Rank: 8, TargetModules: ["c_fc", "mlp.c_proj"]));

        var cFcA = adapter.TrainableParameters[0];
        var cProjA = adapter.TrainableParameters[2];
        Assert.Equal([8L, 16], cFcA.shape);
        Assert.Equal([8L, 64], cProjA.shape);
        Assert.True(cFcA.abs().max().item<float>() <= 1 / Math.Sqrt(16));
        Assert.True(cFcA.abs().max().item<float>() > 0.8 / Math.Sqrt(16));
        Assert.True(cProjA.abs().max().item<float>() <= 1 / Math.Sqrt(64));
    }

    [Fact]
    public void The_global_seed_makes_lora_initialisation_reproducible()
    {
        using var scope = NewDisposeScope();
        using var first = LoraTestModels.Create();
        using var second = LoraTestModels.Create();

        random.manual_seed(42);
        using var a = LoraAdapter.Inject(first, AllLayers);
        random.manual_seed(42);
        using var b = LoraAdapter.Inject(second, AllLayers);

        foreach (var (x, y) in a.TrainableParameters.Zip(b.TrainableParameters))
        {
            Assert.True(x.equal(y).all().item<bool>());
        }
    }

    [Fact]
    public void Base_weights_are_frozen_and_trainable_count_is_r_times_in_plus_out()
    {
        using var model = LoraTestModels.Create();
        using var adapter = LoraAdapter.Inject(model, new LoraSettings(Rank: 4, TargetModules: ["c_attn", "c_proj"]));

        Assert.All(model.parameters(), p => Assert.False(p.requires_grad));
        Assert.All(adapter.TrainableParameters, p =>
        {
            Assert.True(p.requires_grad);
            Assert.Equal(ScalarType.Float32, p.dtype);
        });

        // Per layer: c_attn 4·(16+48), attn.c_proj 4·(16+16), mlp.c_proj 4·(64+16); two layers.
        Assert.Equal(2 * ((4 * 64) + (4 * 32) + (4 * 80)), adapter.TrainableParameterCount);
        Assert.Equal(adapter.TrainableParameters.Sum(p => p.numel()), adapter.TrainableParameterCount);
    }

    [Theory]
    [InlineData("c_attn", new[] { "transformer.h.0.attn.c_attn", "transformer.h.1.attn.c_attn" })]
    [InlineData("c_proj", new[] { "transformer.h.0.attn.c_proj", "transformer.h.0.mlp.c_proj", "transformer.h.1.attn.c_proj", "transformer.h.1.mlp.c_proj" })]
    [InlineData("attn.c_proj", new[] { "transformer.h.0.attn.c_proj", "transformer.h.1.attn.c_proj" })]
    [InlineData("h.1.mlp.c_fc", new[] { "transformer.h.1.mlp.c_fc" })]
    public void Targets_match_by_full_name_or_dotted_suffix_like_peft(string target, string[] expected)
    {
        using var model = LoraTestModels.Create();
        using var adapter = LoraAdapter.Inject(model, new LoraSettings(TargetModules: [target]));

        Assert.Equal(expected, adapter.TargetModuleNames);
    }

    [Theory]
    [InlineData("proj")]
    [InlineData("q_proj")]
    public void A_target_that_matches_nothing_is_rejected(string target)
    {
        using var model = LoraTestModels.Create();

        var error = Assert.Throws<ArgumentException>(() => LoraAdapter.Inject(model, new LoraSettings(TargetModules: [target])));
        Assert.Contains($"'{target}'", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0, 16, 0.0)]
    [InlineData(-2, 16, 0.0)]
    [InlineData(8, 0, 0.0)]
    [InlineData(8, 16, 1.0)]
    public void Invalid_settings_are_rejected(int rank, double alpha, double dropout)
    {
        using var model = LoraTestModels.Create();

        Assert.Throws<ArgumentException>(() => LoraAdapter.Inject(model, new LoraSettings(rank, alpha, dropout)));
    }

    [Fact]
    public void Training_updates_only_lora_and_merged_output_matches_unmerged()
    {
        using var scope = NewDisposeScope();
        random.manual_seed(3);
        using var model = LoraTestModels.Create();
        var input = Tokens();
        var originalWeights = model.named_parameters().ToDictionary(p => p.name, p => p.parameter.detach().clone());
        using var adapter = LoraAdapter.Inject(model, AllLayers);
        TrainFewSteps(model, adapter, input);

        Assert.All(model.parameters(), p => Assert.True(p.grad is null));
        Assert.All(adapter.TrainableParameters, p => Assert.True(p.abs().sum().item<float>() > 0));

        using var guard = no_grad();
        var unmerged = model.forward(input);
        Assert.False(unmerged.allclose(BaseLogits(originalWeights, input), rtol: 0, atol: 1e-3), "training should have changed the outputs");

        adapter.Merge();
        Assert.True(adapter.IsMerged);
        var merged = model.forward(input);
        var mergedError = (merged - unmerged).abs().max().item<float>();
        Assert.True(mergedError < 1e-5, $"merged vs unmerged max |difference| = {mergedError}");
        Assert.False(model.named_parameters().First(p => p.name == "transformer.h.0.attn.c_attn.weight").parameter.allclose(originalWeights["transformer.h.0.attn.c_attn.weight"]));

        adapter.Unmerge();
        foreach (var (name, parameter) in model.named_parameters())
        {
            var restoreError = (parameter - originalWeights[name]).abs().max().item<float>();
            Assert.True(restoreError < 1e-6, $"{name} differs by {restoreError} after unmerge");
        }

        Assert.True((model.forward(input) - unmerged).abs().max().item<float>() < 1e-5);
    }

    [Fact]
    public void With_bf16_base_weights_lora_parameters_and_their_gradients_stay_fp32()
    {
        using var scope = NewDisposeScope();
        using var model = LoraTestModels.Create();
        model.to(ScalarType.BFloat16);
        var input = Tokens();
        Tensor before;
        using (no_grad())
        {
            before = model.forward(input);
        }

        using var adapter = LoraAdapter.Inject(model, AllLayers);
        using (no_grad())
        {
            Assert.True(before.equal(model.forward(input)).all().item<bool>());
        }

        TrainFewSteps(model, adapter, input);

        Assert.All(adapter.TrainableParameters, p =>
        {
            Assert.Equal(ScalarType.Float32, p.dtype);
            Assert.NotNull(p.grad);
            Assert.Equal(ScalarType.Float32, p.grad!.dtype);
        });
        Assert.All(model.parameters(), p => Assert.Equal(ScalarType.BFloat16, p.dtype));
        using var guard = no_grad();
        Assert.False(before.allclose(model.forward(input), rtol: 0, atol: 1e-3));
    }

    [Fact]
    public void Dropout_applies_only_in_training_mode()
    {
        using var scope = NewDisposeScope();
        using var model = LoraTestModels.Create();
        using var adapter = LoraAdapter.Inject(model, AllLayers with { Dropout = 0.5 });
        using (no_grad())
        {
            foreach (var b in adapter.TrainableParameters.Where((_, i) => i % 2 == 1))
            {
                b.normal_(0, 0.5);
            }
        }

        var input = Tokens();
        using var guard = no_grad();
        model.eval();
        Assert.True(model.forward(input).equal(model.forward(input)).all().item<bool>());
        model.train();
        Assert.False(model.forward(input).allclose(model.forward(input)));
    }

    [Fact]
    public void Disposing_the_adapter_restores_the_base_forward_pass()
    {
        using var scope = NewDisposeScope();
        using var model = LoraTestModels.Create();
        var input = Tokens();
        using var guard = no_grad();
        var before = model.forward(input);
        var adapter = LoraAdapter.Inject(model, AllLayers);
        foreach (var b in adapter.TrainableParameters.Where((_, i) => i % 2 == 1))
        {
            b.normal_(0, 0.5);
        }

        Assert.False(before.allclose(model.forward(input)));
        adapter.Dispose();

        Assert.True(before.equal(model.forward(input)).all().item<bool>());
        using var again = LoraAdapter.Inject(model, AllLayers);
    }

    internal static Tensor Tokens() => tensor(new long[] { 1, 5, 9, 2, 33, 7, 7, 12, 0, 39, 4, 18 }).reshape(2, 6);

    // Three real SGD steps on next-token loss, so B and then A move away from their initial values.
    internal static void TrainFewSteps(Gpt2LMHeadModel model, LoraAdapter adapter, Tensor input)
    {
        model.train();
        using var optimizer = optim.SGD(adapter.TrainableParameters, 0.5);
        var targets = input.roll(-1, 1);
        for (var step = 0; step < 3; step++)
        {
            using var stepScope = NewDisposeScope();
            optimizer.zero_grad();
            var logits = model.forward(input);
            var loss = nn.functional.cross_entropy(logits.reshape(-1, logits.shape[^1]), targets.reshape(-1));
            loss.backward();
            optimizer.step();
        }

        model.eval();
    }

    private static Tensor BaseLogits(Dictionary<string, Tensor> weights, Tensor input)
    {
        using var reference = LoraTestModels.Create();
        foreach (var (name, parameter) in reference.named_parameters())
        {
            parameter.copy_(weights[name]);
        }

        return reference.forward(input);
    }
}
