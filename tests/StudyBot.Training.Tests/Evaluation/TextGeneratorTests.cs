using StudyBot.Training.Evaluation;
using StudyBot.Training.Models;
using StudyBot.Training.Tests.Training;
using TorchSharp;

namespace StudyBot.Training.Tests.Evaluation;

public sealed class TextGeneratorTests : IDisposable
{
    private readonly TrainingWorkspace _workspace = TrainingWorkspace.Create(new TinyModelOptions(Layers: 1, Embd: 32, Heads: 2, Positions: 16));
    private readonly PretrainedGpt2 _model;

    public TextGeneratorTests()
    {
        _model = Gpt2Loader.Load(_workspace.ModelDirectory, torch.CPU, torch.ScalarType.Float32);
    }

    public void Dispose()
    {
        _model.Model.Dispose();
        _workspace.Dispose();
    }

    [Fact]
    public void Greedy_decoding_is_deterministic_and_stops_at_the_maximum()
    {
        var first = Generate("the ", GenerationOptions.Greedy(6));
        var second = Generate("the ", GenerationOptions.Greedy(6));

        Assert.Equal(first, second);
        Assert.InRange(first.Length, 0, 6);
    }

    [Fact]
    public void Sampling_repeats_for_a_seed_and_varies_across_seeds()
    {
        var options = new GenerationOptions(MaxNewTokens: 24, Temperature: 1.5, TopK: 0, Seed: 1);
        var first = Generate("a", options);
        var again = Generate("a", options);
        var others = Enumerable.Range(2, 3).Select(seed => Generate("a", options with { Seed = seed })).ToList();

        Assert.Equal(first, again);
        Assert.Contains(others, o => o != first);
    }

    [Fact]
    public void Top_k_of_one_is_the_same_as_greedy()
    {
        Assert.Equal(Generate("lo", GenerationOptions.Greedy(8)), Generate("lo", new GenerationOptions(8, Temperature: 0.7, TopK: 1, Seed: 5)));
    }

    [Fact]
    public void Prompts_longer_than_the_context_are_cropped_to_n_positions()
    {
        var longPrompt = new string('x', 100);
        var text = Generate(longPrompt, GenerationOptions.Greedy(20));
        Assert.InRange(text.Length, 0, 20);
    }

    [Fact]
    public void A_model_whose_vocabulary_is_padded_past_the_tokenizer_never_samples_the_padding()
    {
        // 400 output rows for a 257-token byte tokenizer: without masking, hot sampling lands on a row past 256
        // and the tokenizer cannot decode it.
        using var padded = new Gpt2LMHeadModel(new Gpt2Config(VocabSize: 400, NPositions: 16, NEmbd: 32, NLayer: 1, NHead: 2));
        var tokenizer = new StudyBot.Training.Tokenization.ByteTokenizer();

        for (var seed = 1; seed <= 5; seed++)
        {
            var text = TextGenerator.Generate(padded, tokenizer, 16, "a", new GenerationOptions(MaxNewTokens: 24, Temperature: 3.0, TopK: 0, Seed: seed), torch.CPU);
            Assert.NotNull(text);
        }
    }

    private string Generate(string prompt, GenerationOptions options) =>
        TextGenerator.Generate(_model.Model, _model.Tokenizer, _model.Config.NPositions, prompt, options, torch.CPU);
}
