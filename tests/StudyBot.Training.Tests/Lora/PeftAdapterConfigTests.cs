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
}
