using System.Text.Json;
using StudyBot.Training.Models;
using StudyBot.Training.Safetensors;
using StudyBot.Training.Tests.Fixtures;
using StudyBot.Training.Tokenization;
using static TorchSharp.torch;

namespace StudyBot.Training.Tests.Models;

public sealed class TinyModelFactoryTests : IDisposable
{
    private readonly TempFolder folder = new();

    public void Dispose() => folder.Dispose();

    [Fact]
    public void Created_folder_is_a_hugging_face_gpt2_that_the_loader_reads()
    {
        TinyModelFactory.Create(folder.Path, new TinyModelOptions(Layers: 2, Embd: 32, Heads: 4, Positions: 64));

        var loaded = Gpt2Loader.Load(folder.Path, CPU, ScalarType.Float32);
        using var model = loaded.Model;
        Assert.Equal(new Gpt2Config(257, 64, 32, 2, 4), loaded.Config);
        Assert.IsType<ByteTokenizer>(loaded.Tokenizer);

        using var config = JsonDocument.Parse(File.ReadAllText(folder.File("config.json")));
        Assert.Equal("gpt2", config.RootElement.GetProperty("model_type").GetString());
        Assert.Equal("GPT2LMHeadModel", config.RootElement.GetProperty("architectures")[0].GetString());
        Assert.Equal(64, config.RootElement.GetProperty("n_ctx").GetInt32());
        Assert.Equal(256, config.RootElement.GetProperty("eos_token_id").GetInt32());

        var header = SafetensorsFile.ReadHeader(folder.File("model.safetensors"));
        Assert.Equal([32L, 128], header.Tensors.Single(t => t.Name == "transformer.h.0.mlp.c_fc.weight").Shape);
        Assert.DoesNotContain(header.Tensors, t => t.Name.Contains("lm_head", StringComparison.Ordinal));
    }

    [Fact]
    public void Initialisation_is_gpt2s_layout_with_wider_embeddings_and_unit_gain_linear_layers()
    {
        using var scope = NewDisposeScope();
        TinyModelFactory.Create(folder.Path, new TinyModelOptions(Layers: 4, Embd: 64, Heads: 4, Positions: 128));
        using var content = SafetensorsFile.Read(folder.File("model.safetensors"));
        var t = content.Tensors;

        Assert.Equal(0.2, TinyModelFactory.DefaultEmbeddingStd(64), 12);
        AssertStd(0.2, t["transformer.wte.weight"]);
        AssertStd(0.2, t["transformer.wpe.weight"]);
        // Linear layers: 1/√fan_in (Conv1D weights are [in, out]).
        AssertStd(1 / 8.0, t["transformer.h.0.attn.c_attn.weight"]);
        AssertStd(1 / 8.0, t["transformer.h.3.attn.c_proj.weight"]);
        AssertStd(1 / 8.0, t["transformer.h.2.mlp.c_fc.weight"]);
        AssertStd(1 / 16.0, t["transformer.h.3.mlp.c_proj.weight"]);
        Assert.True(t["transformer.h.1.ln_2.weight"].eq(1).all().item<bool>());
        Assert.True(t["transformer.ln_f.bias"].eq(0).all().item<bool>());
        Assert.True(t["transformer.h.2.attn.c_attn.bias"].eq(0).all().item<bool>());
    }

    [Fact]
    public void Gpt2_init_itself_is_unchanged()
    {
        using var scope = NewDisposeScope();
        var config = new Gpt2Config(257, 128, 64, 4, 4);
        using var model = new Gpt2LMHeadModel(config);
        TinyModelFactory.InitializeLikeHuggingFace(model, config, seed: 3);
        var p = model.named_parameters().ToDictionary(x => x.name, x => x.parameter);

        AssertStd(0.02, p["transformer.h.0.attn.c_attn.weight"]);
        AssertStd(0.02, p["transformer.wte.weight"]);
        AssertStd(0.02 / Math.Sqrt(2 * 4), p["transformer.h.3.mlp.c_proj.weight"]);
    }

    [Fact]
    public void The_tied_head_of_the_default_model_can_be_confident_and_one_with_gpt2_init_cannot()
    {
        // Behind ln_f (gain 1) the hidden state has norm √embd, so the largest logit the tied head can give is
        // √embd · max row norm of wte. GPT-2's 0.02 caps it near 1.3 for a 64-wide model: an adapter on the frozen
        // blocks could never make such a model sure of the next byte.
        using var scope = NewDisposeScope();
        var gpt2Init = Path.Combine(folder.Path, "gpt2-init");
        TinyModelFactory.Create(folder.Path, new TinyModelOptions());
        TinyModelFactory.Create(gpt2Init, new TinyModelOptions(EmbeddingStd: 0.02));

        Assert.True(LargestReachableLogit(folder.File("model.safetensors")) > 12);
        Assert.True(LargestReachableLogit(Path.Combine(gpt2Init, "model.safetensors")) < 2);
    }

    private static void AssertStd(double expected, Tensor tensor) =>
        Assert.InRange(tensor.std().item<float>(), expected * 0.93, expected * 1.07);

    private static double LargestReachableLogit(string weights)
    {
        using var content = SafetensorsFile.Read(weights);
        var wte = content.Tensors["transformer.wte.weight"];
        return Math.Sqrt(wte.shape[1]) * wte.norm(1).max().item<float>();
    }

    [Fact]
    public void Same_seed_gives_identical_weights_and_another_seed_does_not()
    {
        var second = Path.Combine(folder.Path, "b");
        var third = Path.Combine(folder.Path, "c");
        TinyModelFactory.Create(folder.Path, new TinyModelOptions(Seed: 11));
        TinyModelFactory.Create(second, new TinyModelOptions(Seed: 11));
        TinyModelFactory.Create(third, new TinyModelOptions(Seed: 12));

        var first = File.ReadAllBytes(folder.File("model.safetensors"));
        Assert.Equal(first, File.ReadAllBytes(Path.Combine(second, "model.safetensors")));
        Assert.NotEqual(first, File.ReadAllBytes(Path.Combine(third, "model.safetensors")));
    }

    [Fact]
    public void A_bpe_vocabulary_folder_is_copied_and_sets_vocab_size()
    {
        TinyModelFactory.Create(folder.Path, new TinyModelOptions(Vocab: FixturePaths.Gpt2Bpe));

        var loaded = Gpt2Loader.Load(folder.Path, CPU, ScalarType.Float32);
        using var model = loaded.Model;
        Assert.Equal(298, loaded.Config.VocabSize);
        Assert.Equal(297, loaded.Tokenizer.EndOfTextId);
    }

    [Fact]
    public void Impossible_shapes_are_rejected_before_anything_is_written()
    {
        var target = Path.Combine(folder.Path, "never");

        var error = Assert.Throws<ArgumentException>(() => TinyModelFactory.Create(target, new TinyModelOptions(Embd: 30, Heads: 4)));
        Assert.Contains("divisible", error.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(target));
    }
}
