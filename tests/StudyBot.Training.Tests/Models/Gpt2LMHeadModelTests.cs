using StudyBot.Training.Models;
using static TorchSharp.torch;

namespace StudyBot.Training.Tests.Models;

public sealed class Gpt2LMHeadModelTests
{
    private static readonly Gpt2Config Tiny = new(VocabSize: 50, NPositions: 16, NEmbd: 16, NLayer: 2, NHead: 2);

    [Fact]
    public void Parameter_names_and_shapes_are_the_hugging_face_checkpoint_keys()
    {
        using var model = new Gpt2LMHeadModel(Tiny);
        var shapes = model.named_parameters().ToDictionary(p => p.name, p => p.parameter.shape);

        Assert.Equal([50L, 16], shapes["transformer.wte.weight"]);
        Assert.Equal([16L, 16], shapes["transformer.wpe.weight"]);
        Assert.Equal([16L, 48], shapes["transformer.h.0.attn.c_attn.weight"]);
        Assert.Equal([48L], shapes["transformer.h.0.attn.c_attn.bias"]);
        Assert.Equal([16L, 16], shapes["transformer.h.1.attn.c_proj.weight"]);
        Assert.Equal([16L, 64], shapes["transformer.h.1.mlp.c_fc.weight"]);
        Assert.Equal([64L, 16], shapes["transformer.h.1.mlp.c_proj.weight"]);
        Assert.Equal([16L], shapes["transformer.h.0.ln_1.weight"]);
        Assert.Equal([16L], shapes["transformer.ln_f.bias"]);
        Assert.Equal(4 + (2 * 12), shapes.Count);
    }

    [Fact]
    public void A_position_only_sees_earlier_tokens()
    {
        using var scope = NewDisposeScope();
        using var model = new Gpt2LMHeadModel(Tiny);
        TinyModelFactory.InitializeLikeHuggingFace(model, Tiny, seed: 3);
        model.eval();
        var first = tensor(new long[] { 1, 2, 3, 4, 5, 6 }).reshape(1, 6);
        var second = tensor(new long[] { 1, 2, 3, 40, 41, 42 }).reshape(1, 6);

        using var guard = no_grad();
        var a = model.forward(first);
        var b = model.forward(second);

        Assert.True(a[.., ..3].allclose(b[.., ..3], rtol: 0, atol: 1e-6), "logits of positions 0..2 must not depend on later tokens");
        Assert.False(a[.., 3..].allclose(b[.., 3..], rtol: 0, atol: 1e-6));
    }

    [Fact]
    public void Lm_head_is_tied_to_the_token_embedding()
    {
        using var scope = NewDisposeScope();
        using var model = new Gpt2LMHeadModel(Tiny);
        TinyModelFactory.InitializeLikeHuggingFace(model, Tiny, seed: 5);
        model.eval();
        var input = tensor(new long[] { 7, 8 }).reshape(1, 2);
        using var guard = no_grad();
        var before = model.forward(input);

        // Not a constant shift: LayerNorm output sums to zero, so h·(e + c) would equal h·e.
        model.Transformer.TokenEmbedding[9].add_(linspace(-1, 1, 16));
        var after = model.forward(input);

        // Changing one embedding row changes that token's logit although token 9 is not in the input.
        Assert.False(before[0, 1, 9].allclose(after[0, 1, 9]));
        Assert.True(before[0, 1, 10].allclose(after[0, 1, 10]));
    }

    [Fact]
    public void Hidden_states_through_the_head_equal_forward()
    {
        using var scope = NewDisposeScope();
        using var model = new Gpt2LMHeadModel(Tiny);
        TinyModelFactory.InitializeLikeHuggingFace(model, Tiny, seed: 9);
        model.eval();
        var input = tensor(new long[] { 3, 1, 4, 1, 5, 9 }).reshape(2, 3);
        using var guard = no_grad();

        var hidden = model.HiddenStates(input);

        Assert.Equal([2L, 3, 16], hidden.shape);
        Assert.True(model.LogitsFromHidden(hidden).equal(model.forward(input)).all().item<bool>());
    }

    [Fact]
    public void Sequences_longer_than_n_positions_are_rejected()
    {
        using var scope = NewDisposeScope();
        using var model = new Gpt2LMHeadModel(Tiny);

        var error = Assert.Throws<ArgumentException>(() => model.forward(zeros([1, 17], ScalarType.Int64)));
        Assert.Contains("n_positions", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Invalid_configuration_is_rejected()
    {
        var error = Assert.Throws<ArgumentException>(() => new Gpt2LMHeadModel(Tiny with { NHead = 3 }));
        Assert.Contains("divisible", error.Message, StringComparison.Ordinal);
    }
}
