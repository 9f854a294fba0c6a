using System.Text.Json;
using StudyBot.Training.Lora;
using StudyBot.Training.Safetensors;
using StudyBot.Training.Tests.Fixtures;
using static TorchSharp.torch;

namespace StudyBot.Training.Tests.Lora;

public sealed class PeftAdapterFilesTests : IDisposable
{
    private readonly TempFolder folder = new();

    public void Dispose() => folder.Dispose();

    [Fact]
    public void Save_writes_peft_keys_shapes_metadata_and_config()
    {
        using var scope = NewDisposeScope();
        using var model = LoraTestModels.Create();
        using var adapter = LoraAdapter.Inject(model, new LoraSettings(Rank: 4, Alpha: 8, Dropout: 0.05, TargetModules: ["c_attn", "mlp.c_proj"]));

        adapter.Save(folder.Path, "models/tiny");

        var header = SafetensorsFile.ReadHeader(folder.File("adapter_model.safetensors"));
        Assert.Equal("pt", header.Metadata["format"]);
        var shapes = header.Tensors.ToDictionary(t => t.Name, t => t.Shape.ToArray());
        Assert.Equal(8, shapes.Count);
        Assert.Equal([4L, 16], shapes["base_model.model.transformer.h.0.attn.c_attn.lora_A.weight"]);
        Assert.Equal([48L, 4], shapes["base_model.model.transformer.h.0.attn.c_attn.lora_B.weight"]);
        Assert.Equal([4L, 64], shapes["base_model.model.transformer.h.1.mlp.c_proj.lora_A.weight"]);
        Assert.Equal([16L, 4], shapes["base_model.model.transformer.h.1.mlp.c_proj.lora_B.weight"]);
        Assert.All(header.Tensors, t => Assert.Equal(ScalarType.Float32, t.DType));

        using var config = JsonDocument.Parse(File.ReadAllText(folder.File("adapter_config.json")));
        var root = config.RootElement;
        Assert.Equal("LORA", root.GetProperty("peft_type").GetString());
        Assert.Equal("CAUSAL_LM", root.GetProperty("task_type").GetString());
        Assert.Equal("models/tiny", root.GetProperty("base_model_name_or_path").GetString());
        Assert.Equal(4, root.GetProperty("r").GetInt32());
        Assert.Equal(8, root.GetProperty("lora_alpha").GetInt32());
        Assert.Equal(0.05, root.GetProperty("lora_dropout").GetDouble());
        Assert.Equal(["c_attn", "mlp.c_proj"], root.GetProperty("target_modules").EnumerateArray().Select(e => e.GetString()));
        Assert.True(root.GetProperty("fan_in_fan_out").GetBoolean());
        Assert.Equal("none", root.GetProperty("bias").GetString());
        Assert.True(root.GetProperty("inference_mode").GetBoolean());
    }

    [Fact]
    public void Saved_adapter_loads_back_into_a_fresh_model_with_identical_outputs()
    {
        using var scope = NewDisposeScope();
        var input = LoraAdapterTests.Tokens();
        Tensor trainedLogits;
        using (var model = LoraTestModels.Create())
        using (var adapter = LoraAdapter.Inject(model, new LoraSettings(Rank: 2, Alpha: 4, TargetModules: ["c_attn", "c_fc"])))
        {
            LoraAdapterTests.TrainFewSteps(model, adapter, input);
            adapter.Save(folder.Path, "base");
            using var guard = no_grad();
            trainedLogits = model.forward(input);
        }

        using var fresh = LoraTestModels.Create();
        using var loaded = LoraAdapter.InjectFromDirectory(fresh, folder.Path);

        Assert.Equal(new LoraSettings(2, 4, 0, ["c_attn", "c_fc"]).EffectiveTargetModules, loaded.Settings.EffectiveTargetModules);
        using var guard2 = no_grad();
        Assert.True(trainedLogits.equal(fresh.forward(input)).all().item<bool>());
    }

    [Fact]
    public void Loads_a_file_written_the_way_peft_names_things()
    {
        using var scope = NewDisposeScope();
        // PEFT variants: the in-memory ".default" adapter name, and a base model saved without "transformer.".
        var tensors = new Dictionary<string, Tensor>();
        for (var layer = 0; layer < 2; layer++)
        {
            tensors[$"base_model.model.h.{layer}.attn.c_attn.lora_A.default.weight"] = full([2, 16], 0.1f * (layer + 1));
            tensors[$"base_model.model.transformer.h.{layer}.attn.c_attn.lora_B.weight"] = full([48, 2], -0.2f * (layer + 1));
        }

        SafetensorsFile.Write(folder.File("adapter_model.safetensors"), tensors, new Dictionary<string, string> { ["format"] = "pt" });
        File.WriteAllText(folder.File("adapter_config.json"), """
            {"alpha_pattern": {}, "auto_mapping": null, "base_model_name_or_path": "gpt2", "bias": "none",
             "fan_in_fan_out": true, "inference_mode": true, "init_lora_weights": true, "layer_replication": null,
             "layers_pattern": null, "layers_to_transform": null, "loftq_config": {}, "lora_alpha": 32,
             "lora_dropout": 0.1, "megatron_config": null, "megatron_core": "megatron.core", "modules_to_save": null,
             "peft_type": "LORA", "r": 2, "rank_pattern": {}, "revision": null, "target_modules": ["c_attn"],
             "task_type": "CAUSAL_LM", "use_dora": false, "use_rslora": false}
            """);
        using var model = LoraTestModels.Create();

        using var adapter = LoraAdapter.InjectFromDirectory(model, folder.Path);

        Assert.Equal(16, adapter.Settings.Scaling);
        Assert.Equal(0.1, adapter.Settings.Dropout);
        var state = adapter.StateDict();
        Assert.True(state["base_model.model.transformer.h.1.attn.c_attn.lora_A.weight"].eq(0.2f).all().item<bool>());
        Assert.True(state["base_model.model.transformer.h.0.attn.c_attn.lora_B.weight"].eq(-0.2f).all().item<bool>());
    }

    [Fact]
    public void A_file_with_a_wrong_shape_or_missing_layer_is_rejected_and_changes_nothing()
    {
        using var scope = NewDisposeScope();
        using var model = LoraTestModels.Create();
        using var adapter = LoraAdapter.Inject(model, new LoraSettings(Rank: 2, TargetModules: ["c_attn"]));
        var before = adapter.TrainableParameters.Select(p => p.detach().clone()).ToList();
        var tensors = new Dictionary<string, Tensor>
        {
            ["base_model.model.transformer.h.0.attn.c_attn.lora_A.weight"] = ones(2, 16),
            ["base_model.model.transformer.h.0.attn.c_attn.lora_B.weight"] = ones(48, 2),
        };
        SafetensorsFile.Write(folder.File("adapter_model.safetensors"), tensors);

        var missing = Assert.Throws<InvalidDataException>(() => adapter.LoadWeights(folder.Path));
        Assert.Contains("transformer.h.1.attn.c_attn.lora_A", missing.Message, StringComparison.Ordinal);

        tensors["base_model.model.transformer.h.1.attn.c_attn.lora_A.weight"] = ones(3, 16);
        tensors["base_model.model.transformer.h.1.attn.c_attn.lora_B.weight"] = ones(48, 3);
        SafetensorsFile.Write(folder.File("adapter_model.safetensors"), tensors);
        var shape = Assert.Throws<InvalidDataException>(() => adapter.LoadWeights(folder.Path));
        Assert.Contains("[3, 16]", shape.Message, StringComparison.Ordinal);

        foreach (var (original, current) in before.Zip(adapter.TrainableParameters))
        {
            Assert.True(original.equal(current).all().item<bool>());
        }
    }

    [Fact]
    public void An_adapter_for_other_layers_is_rejected()
    {
        using var scope = NewDisposeScope();
        using var model = LoraTestModels.Create();
        using var adapter = LoraAdapter.Inject(model, new LoraSettings(Rank: 2, TargetModules: ["c_attn"]));
        SafetensorsFile.Write(folder.File("adapter_model.safetensors"), new Dictionary<string, Tensor>
        {
            ["base_model.model.transformer.h.0.mlp.c_fc.lora_A.weight"] = ones(2, 16),
        });

        var error = Assert.Throws<InvalidDataException>(() => adapter.LoadWeights(folder.Path));
        Assert.Contains("transformer.h.0.mlp.c_fc", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void State_dict_copies_load_into_another_adapter_for_resume()
    {
        using var scope = NewDisposeScope();
        var input = LoraAdapterTests.Tokens();
        using var model = LoraTestModels.Create();
        using var adapter = LoraAdapter.Inject(model, new LoraSettings(Rank: 2, TargetModules: ["c_attn"]));
        LoraAdapterTests.TrainFewSteps(model, adapter, input);
        var saved = adapter.StateDict().ToDictionary(p => p.Key, p => p.Value.detach().clone());

        using var other = LoraTestModels.Create();
        using var resumed = LoraAdapter.Inject(other, new LoraSettings(Rank: 2, TargetModules: ["c_attn"]));
        resumed.LoadStateDict(saved);

        using var guard = no_grad();
        Assert.True(model.forward(input).equal(other.forward(input)).all().item<bool>());
    }

    [Fact]
    public void A_corrupt_adapter_file_is_an_invalid_data_error_naming_it()
    {
        using var model = LoraTestModels.Create();
        using var adapter = LoraAdapter.Inject(model, new LoraSettings(Rank: 2));
        File.WriteAllBytes(folder.File("adapter_model.safetensors"), [9, 0, 0, 0, 0, 0, 0, 0, (byte)'{']);

        var error = Assert.Throws<InvalidDataException>(() => adapter.LoadWeights(folder.Path));
        Assert.Contains("adapter_model.safetensors", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("base_model.model.transformer.h.0.attn.c_attn.lora_A.weight", "transformer.h.0.attn.c_attn", true)]
    [InlineData("base_model.model.h.3.mlp.c_proj.lora_B.weight", "transformer.h.3.mlp.c_proj", false)]
    [InlineData("base_model.model.transformer.h.0.attn.c_attn.lora_B.default.weight", "transformer.h.0.attn.c_attn", false)]
    public void Peft_key_variants_parse_to_our_module_names(string key, string module, bool isA)
    {
        Assert.True(PeftKeys.TryParse(key, out var parsedModule, out var parsedIsA));
        Assert.Equal(module, parsedModule);
        Assert.Equal(isA, parsedIsA);
    }

    [Theory]
    [InlineData("base_model.model.transformer.h.0.attn.c_attn.weight")]
    [InlineData("base_model.model.transformer.h.0.attn.c_attn.lora_embedding_A")]
    [InlineData("base_model.model.transformer.h.0.attn.c_attn.lora_A.default.extra.weight")]
    public void Non_lora_keys_do_not_parse(string key)
    {
        Assert.False(PeftKeys.TryParse(key, out _, out _));
    }
}
