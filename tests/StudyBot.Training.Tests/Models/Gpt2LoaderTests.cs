using System.Text.Json;
using StudyBot.Training.Models;
using StudyBot.Training.Safetensors;
using StudyBot.Training.Tests.Fixtures;
using StudyBot.Training.Tokenization;
using static TorchSharp.torch;

namespace StudyBot.Training.Tests.Models;

public sealed class Gpt2LoaderTests : IDisposable
{
    private readonly TempFolder folder = new();

    public void Dispose() => folder.Dispose();

    [Fact]
    public void Fixture_logits_match_the_independent_python_reference_within_1e_4()
    {
        using var scope = NewDisposeScope();
        var (ids, expected) = ReadExpectedLogits();
        var loaded = Gpt2Loader.Load(FixturePaths.TinyGpt2, CPU, ScalarType.Float32);
        using var model = loaded.Model;

        var input = tensor(ids, dtype: ScalarType.Int64).reshape(1, ids.Length).repeat(2, 1);
        using var guard = no_grad();
        var logits = model.forward(input);

        Assert.Equal(new long[] { 2, ids.Length, 300 }, logits.shape);
        Assert.Equal(ScalarType.Float32, logits.dtype);
        var reference = tensor(expected.SelectMany(row => row).ToArray()).reshape(ids.Length, 300);
        var worst = (logits - reference.unsqueeze(0)).abs().max().item<float>();
        Assert.True(worst < 1e-4, $"max |logit difference| = {worst}");
        Assert.True(reference.abs().max().item<float>() > 5, "the fixture's logits should be large enough to expose errors");
    }

    [Fact]
    public void Loads_config_and_byte_tokenizer_from_the_folder()
    {
        var loaded = Gpt2Loader.Load(FixturePaths.TinyGpt2, CPU, ScalarType.Float32);
        using var model = loaded.Model;

        Assert.Equal(new Gpt2Config(300, 64, 32, 2, 4, 1e-5, "gelu_new", 0.1, 0.1, 0.1), loaded.Config);
        Assert.IsType<ByteTokenizer>(loaded.Tokenizer);
        Assert.False(model.training);
    }

    [Fact]
    public void Prefixed_keys_written_like_save_pretrained_load_to_the_same_logits()
    {
        using var scope = NewDisposeScope();
        var original = Gpt2Loader.Load(FixturePaths.TinyGpt2, CPU, ScalarType.Float32);
        using var originalModel = original.Model;
        CopyFolderWithoutWeights(FixturePaths.TinyGpt2, folder.Path);
        Gpt2Checkpoint.Save(originalModel, folder.File("model.safetensors"));
        Assert.All(SafetensorsFile.ReadHeader(folder.File("model.safetensors")).Tensors, t => Assert.StartsWith("transformer.", t.Name, StringComparison.Ordinal));

        var reloaded = Gpt2Loader.Load(folder.Path, CPU, ScalarType.Float32);
        using var reloadedModel = reloaded.Model;
        var input = tensor(new long[] { 1, 2, 3, 4, 5 }).reshape(1, 5);
        using var guard = no_grad();
        Assert.True(originalModel.forward(input).equal(reloadedModel.forward(input)).all().item<bool>());
    }

    [Fact]
    public void Bf16_base_weights_still_return_fp32_logits_close_to_fp32()
    {
        using var scope = NewDisposeScope();
        var (ids, expected) = ReadExpectedLogits();
        var loaded = Gpt2Loader.Load(FixturePaths.TinyGpt2, CPU, ScalarType.BFloat16);
        using var model = loaded.Model;

        using var guard = no_grad();
        var logits = model.forward(tensor(ids, dtype: ScalarType.Int64).reshape(1, ids.Length));

        Assert.Equal(ScalarType.BFloat16, model.parameters().First().dtype);
        Assert.Equal(ScalarType.Float32, logits.dtype);
        var reference = tensor(expected.SelectMany(row => row).ToArray()).reshape(1, ids.Length, 300);
        var meanError = (logits - reference).abs().mean().item<float>();
        Assert.True(meanError < 0.1, $"mean |bf16 − reference| = {meanError}");
    }

    [Fact]
    public void Missing_tensor_is_named_with_the_file()
    {
        WriteFixtureVariant(tensors => tensors.Remove("h.1.mlp.c_fc.bias"));

        var error = Assert.Throws<ModelLoadException>(() => Gpt2Loader.Load(folder.Path, CPU, ScalarType.Float32));
        Assert.Contains("transformer.h.1.mlp.c_fc.bias", error.Message, StringComparison.Ordinal);
        Assert.Contains("model.safetensors", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Tensor_with_the_wrong_shape_is_named_with_both_shapes()
    {
        WriteFixtureVariant(tensors => tensors["h.0.attn.c_attn.weight"] = zeros(96, 32));

        var error = Assert.Throws<ModelLoadException>(() => Gpt2Loader.Load(folder.Path, CPU, ScalarType.Float32));
        Assert.Contains("'h.0.attn.c_attn.weight'", error.Message, StringComparison.Ordinal);
        Assert.Contains("[96, 32]", error.Message, StringComparison.Ordinal);
        Assert.Contains("[32, 96]", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_untied_lm_head_is_rejected_rather_than_dropped()
    {
        WriteFixtureVariant(tensors => tensors["lm_head.weight"] = tensors["lm_head.weight"] + 0.5);

        var error = Assert.Throws<ModelLoadException>(() => Gpt2Loader.Load(folder.Path, CPU, ScalarType.Float32));
        Assert.Contains("lm_head.weight", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unsupported_activation_is_rejected_naming_config_json()
    {
        CopyFolder(FixturePaths.TinyGpt2, folder.Path);
        var config = File.ReadAllText(folder.File("config.json")).Replace("\"gelu_new\"", "\"relu\"", StringComparison.Ordinal);
        File.WriteAllText(folder.File("config.json"), config);

        var error = Assert.Throws<ModelLoadException>(() => Gpt2Loader.Load(folder.Path, CPU, ScalarType.Float32));
        Assert.Contains("config.json", error.Message, StringComparison.Ordinal);
        Assert.Contains("'relu' is not supported", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_files_are_reported_by_name()
    {
        CopyFolder(FixturePaths.TinyGpt2, folder.Path);
        File.Delete(folder.File("tokenizer_config.json"));
        var noTokenizer = Assert.Throws<ModelLoadException>(() => Gpt2Loader.Load(folder.Path, CPU, ScalarType.Float32));
        Assert.Contains("vocab.json", noTokenizer.Message, StringComparison.Ordinal);

        File.Delete(folder.File("model.safetensors"));
        var noWeights = Assert.Throws<ModelLoadException>(() => Gpt2Loader.Load(folder.Path, CPU, ScalarType.Float32));
        Assert.Contains("model.safetensors", noWeights.Message, StringComparison.Ordinal);

        File.Delete(folder.File("config.json"));
        var noConfig = Assert.Throws<ModelLoadException>(() => Gpt2Loader.Load(folder.Path, CPU, ScalarType.Float32));
        Assert.Contains("config.json", noConfig.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Corrupt_weights_file_becomes_a_model_load_error()
    {
        CopyFolder(FixturePaths.TinyGpt2, folder.Path);
        var bytes = File.ReadAllBytes(folder.File("model.safetensors"));
        File.WriteAllBytes(folder.File("model.safetensors"), bytes[..(bytes.Length / 2)]);

        var error = Assert.Throws<ModelLoadException>(() => Gpt2Loader.Load(folder.Path, CPU, ScalarType.Float32));
        Assert.Contains("truncated", error.Message, StringComparison.Ordinal);
        Assert.IsType<SafetensorsFormatException>(error.InnerException);
    }

    internal static (long[] Ids, float[][] Logits) ReadExpectedLogits()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(FixturePaths.TinyGpt2, "expected_logits.json")));
        var ids = document.RootElement.GetProperty("input_ids").EnumerateArray().Select(e => e.GetInt64()).ToArray();
        var logits = document.RootElement.GetProperty("logits").EnumerateArray()
            .Select(row => row.EnumerateArray().Select(v => (float)v.GetDouble()).ToArray())
            .ToArray();
        return (ids, logits);
    }

    private void WriteFixtureVariant(Action<Dictionary<string, Tensor>> change)
    {
        using var scope = NewDisposeScope();
        CopyFolderWithoutWeights(FixturePaths.TinyGpt2, folder.Path);
        using var content = SafetensorsFile.Read(Path.Combine(FixturePaths.TinyGpt2, "model.safetensors"));
        var tensors = new Dictionary<string, Tensor>(content.Tensors);
        change(tensors);
        SafetensorsFile.Write(folder.File("model.safetensors"), tensors);
    }

    private static void CopyFolder(string from, string to)
    {
        foreach (var file in Directory.GetFiles(from))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)), overwrite: true);
        }
    }

    private static void CopyFolderWithoutWeights(string from, string to)
    {
        foreach (var file in Directory.GetFiles(from).Where(f => !f.EndsWith(".safetensors", StringComparison.Ordinal)))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)), overwrite: true);
        }
    }
}
