using StudyBot.Training.Lora;
using StudyBot.Training.Tests.Fixtures;

namespace StudyBot.Training.Tests.Lora;

public sealed class PeftAdapterConfigTests : IDisposable
{
    private readonly TempFolder folder = new();

    public void Dispose() => folder.Dispose();

    [Fact]
    public void Written_config_reads_back_equal_including_fractional_alpha()
    {
        var config = new PeftAdapterConfig("models/tiny", 4, 6.5, 0.05, ["c_attn", "attn.c_proj"]);

        config.Write(folder.File("adapter_config.json"));
        var read = PeftAdapterConfig.Read(folder.File("adapter_config.json"));

        Assert.Equal(config.TargetModules, read.TargetModules);
        Assert.Equal(config with { TargetModules = read.TargetModules }, read);
    }

    [Theory]
    [InlineData("""{"peft_type": "IA3", "r": 8, "lora_alpha": 16, "target_modules": ["c_attn"]}""", "peft_type 'IA3'")]
    [InlineData("""{"peft_type": "LORA", "r": 8, "lora_alpha": 16, "target_modules": ["c_attn"], "use_dora": true}""", "DoRA")]
    [InlineData("""{"peft_type": "LORA", "r": 8, "lora_alpha": 16, "target_modules": ["c_attn"], "bias": "all"}""", "bias 'all'")]
    [InlineData("""{"peft_type": "LORA", "lora_alpha": 16, "target_modules": ["c_attn"]}""", "'r' is missing")]
    [InlineData("""{"peft_type": "LORA", "r": "eight", "lora_alpha": 16, "target_modules": ["c_attn"]}""", "wrong type")]
    public void Unsupported_or_broken_configs_are_rejected_by_name(string json, string expected)
    {
        File.WriteAllText(folder.File("adapter_config.json"), json);

        var error = Assert.Throws<InvalidDataException>(() => PeftAdapterConfig.Read(folder.File("adapter_config.json")));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.Contains("adapter_config.json", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_regular_expression_target_string_is_rejected_rather_than_misread()
    {
        File.WriteAllText(folder.File("adapter_config.json"), """{"peft_type": "LORA", "r": 8, "lora_alpha": 16, "target_modules": ".*c_attn"}""");

        var error = Assert.Throws<InvalidDataException>(() => PeftAdapterConfig.Read(folder.File("adapter_config.json")));
        Assert.Contains("regular expression", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("rank_pattern", """{"transformer.h.0.attn.c_attn": 4}""")]
    [InlineData("alpha_pattern", """{"c_attn": 32}""")]
    [InlineData("layers_to_transform", "[0]")]
    [InlineData("layers_to_transform", "1")]
    [InlineData("modules_to_save", """["lm_head"]""")]
    public void Per_layer_patterns_layer_selection_and_saved_modules_are_rejected_by_field_name(string field, string value)
    {
        File.WriteAllText(
            folder.File("adapter_config.json"),
            $$"""{"peft_type": "LORA", "r": 8, "lora_alpha": 16, "target_modules": ["c_attn"], "{{field}}": {{value}}}""");

        var error = Assert.Throws<InvalidDataException>(() => PeftAdapterConfig.Read(folder.File("adapter_config.json")));
        Assert.Contains($"'{field}'", error.Message, StringComparison.Ordinal);
        Assert.Contains("not supported", error.Message, StringComparison.Ordinal);
        Assert.Contains("adapter_config.json", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Empty_or_null_patterns_as_peft_writes_them_are_accepted()
    {
        File.WriteAllText(
            folder.File("adapter_config.json"),
            """{"peft_type": "LORA", "r": 8, "lora_alpha": 16, "target_modules": ["c_attn"], "rank_pattern": {}, "alpha_pattern": {}, "layers_to_transform": null, "layers_pattern": null, "modules_to_save": null}""");

        var config = PeftAdapterConfig.Read(folder.File("adapter_config.json"));

        Assert.Equal(8, config.Rank);
        Assert.Equal(["c_attn"], config.TargetModules);
    }

    [Fact]
    public void Write_replaces_the_file_whole_through_a_uniquely_named_temp_file()
    {
        var path = folder.File("adapter_config.json");
        // A stale fixed-name temp (here even a folder) from another writer must not get in the way.
        Directory.CreateDirectory(path + ".tmp");
        File.WriteAllText(path, "{ not json");

        new PeftAdapterConfig("first", 4, 8, 0, ["c_attn"]).Write(path);
        new PeftAdapterConfig("second", 4, 8, 0, ["c_attn"]).Write(path);

        Assert.Equal("second", PeftAdapterConfig.Read(path).BaseModelNameOrPath);
        Assert.Equal(["adapter_config.json", "adapter_config.json.tmp"], Directory.EnumerateFileSystemEntries(folder.Path).Select(Path.GetFileName).Order());
    }

    [Fact]
    public async Task Concurrent_writers_never_collide_on_a_shared_temp_file()
    {
        var path = folder.File("adapter_config.json");

        await Task.WhenAll(Enumerable.Range(0, 16).Select(i => Task.Run(() =>
        {
            for (var j = 0; j < 10; j++)
            {
                new PeftAdapterConfig($"writer-{i}", 4, 8, 0, ["c_attn"]).Write(path);
            }
        })));

        Assert.StartsWith("writer-", PeftAdapterConfig.Read(path).BaseModelNameOrPath, StringComparison.Ordinal);
        Assert.Equal(["adapter_config.json"], Directory.EnumerateFileSystemEntries(folder.Path).Select(Path.GetFileName));
    }
}
