using StudyBot.Training.Models;
using StudyBot.Training.Tests.Fixtures;

namespace StudyBot.Training.Tests.Models;

public sealed class Gpt2ConfigJsonTests : IDisposable
{
    private readonly TempFolder folder = new();

    public void Dispose() => folder.Dispose();

    [Fact]
    public void Written_config_reads_back_equal()
    {
        var config = new Gpt2Config(VocabSize: 1000, NPositions: 256, NEmbd: 48, NLayer: 3, NHead: 6, LayerNormEpsilon: 1e-6, ResidPdrop: 0.05, EmbdPdrop: 0.1, AttnPdrop: 0.2);

        Gpt2ConfigJson.Write(folder.File("config.json"), config, 999, 999);

        Assert.Equal(config, Gpt2ConfigJson.Read(folder.File("config.json")));
    }

    [Fact]
    public void The_settings_of_released_gpt2_checkpoints_are_accepted()
    {
        File.WriteAllText(folder.File("config.json"), """
            {"vocab_size": 10, "n_positions": 32, "n_embd": 8, "n_layer": 1, "n_head": 2, "n_inner": null, "scale_attn_weights": true,
             "scale_attn_by_inverse_layer_idx": false, "reorder_and_upcast_attn": false, "tie_word_embeddings": true}
            """);

        Assert.Equal(8, Gpt2ConfigJson.Read(folder.File("config.json")).NEmbd);
        File.WriteAllText(folder.File("config.json"), """{"vocab_size": 10, "n_positions": 32, "n_embd": 8, "n_layer": 1, "n_head": 2, "n_inner": 32}""");
        Assert.Equal(8, Gpt2ConfigJson.Read(folder.File("config.json")).NEmbd);
    }

    [Fact]
    public void Missing_dropouts_default_to_hugging_face_values_and_n_ctx_stands_in_for_n_positions()
    {
        File.WriteAllText(folder.File("config.json"), """{"vocab_size": 10, "n_ctx": 32, "n_embd": 8, "n_layer": 1, "n_head": 2}""");

        var config = Gpt2ConfigJson.Read(folder.File("config.json"));

        Assert.Equal(new Gpt2Config(10, 32, 8, 1, 2, 1e-5, "gelu_new", 0.1, 0.1, 0.1), config);
    }

    [Theory]
    [InlineData("""{"vocab_size": 10, "n_positions": 32, "n_embd": 8, "n_layer": 1}""", "'n_head' is missing")]
    [InlineData("""{"vocab_size": "ten", "n_positions": 32, "n_embd": 8, "n_layer": 1, "n_head": 2}""", "'vocab_size' must be an integer")]
    [InlineData("""{"model_type": "llama", "vocab_size": 10, "n_positions": 32, "n_embd": 8, "n_layer": 1, "n_head": 2}""", "model_type 'llama'")]
    [InlineData("""{"vocab_size": 10, "n_positions": 32, "n_embd": 8, "n_layer": 1, "n_head": 3}""", "divisible")]
    [InlineData("""{"vocab_size": 10, "n_positions": 32, "n_embd": 8, "n_layer": 1, "n_head": 2, "activation_function": "gelu"}""", "'gelu' is not supported")]
    [InlineData("""{"vocab_size": 10,""", "not valid JSON")]
    [InlineData("""{"vocab_size": 10, "n_positions": 32, "n_embd": 8, "n_layer": 1, "n_head": 2, "scale_attn_weights": false}""", "scale_attn_weights = false is not supported")]
    [InlineData("""{"vocab_size": 10, "n_positions": 32, "n_embd": 8, "n_layer": 1, "n_head": 2, "scale_attn_by_inverse_layer_idx": true}""", "scale_attn_by_inverse_layer_idx = true")]
    [InlineData("""{"vocab_size": 10, "n_positions": 32, "n_embd": 8, "n_layer": 1, "n_head": 2, "tie_word_embeddings": false}""", "tie_word_embeddings = false")]
    [InlineData("""{"vocab_size": 10, "n_positions": 32, "n_embd": 8, "n_layer": 1, "n_head": 2, "n_inner": 16}""", "n_inner = 16")]
    [InlineData("""{"vocab_size": 10, "n_positions": 32, "n_embd": 8, "n_layer": 1, "n_head": 2, "scale_attn_weights": "yes"}""", "'scale_attn_weights' must be true or false")]
    public void Bad_configs_name_the_file_and_the_problem(string json, string expected)
    {
        File.WriteAllText(folder.File("config.json"), json);

        var error = Assert.Throws<ModelLoadException>(() => Gpt2ConfigJson.Read(folder.File("config.json")));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.Contains("config.json", error.Message, StringComparison.Ordinal);
    }
}
