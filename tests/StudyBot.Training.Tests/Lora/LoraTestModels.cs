using StudyBot.Training.Models;

namespace StudyBot.Training.Tests.Lora;

internal static class LoraTestModels
{
    public static readonly Gpt2Config Config = new(VocabSize: 40, NPositions: 16, NEmbd: 16, NLayer: 2, NHead: 2);

    public static Gpt2LMHeadModel Create(int seed = 1)
    {
        var model = new Gpt2LMHeadModel(Config);
        TinyModelFactory.InitializeLikeHuggingFace(model, Config, seed);
        model.eval();
        return model;
    }
}
