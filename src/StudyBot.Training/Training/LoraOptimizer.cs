using StudyBot.Training.Lora;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace StudyBot.Training.Training;

/// <summary>The run's optimizer: AdamW over the adapter's A/B matrices only, with the settings' decoupled weight decay.</summary>
public static class LoraOptimizer
{
    public const double Beta1 = 0.9;
    public const double Beta2 = 0.999;
    public const double Epsilon = 1e-8;

    public static AdamW Create(LoraAdapter adapter, FineTuneSettings settings)
    {
        ArgumentNullException.ThrowIfNull(adapter);
        ArgumentNullException.ThrowIfNull(settings);
        return optim.AdamW(
            adapter.TrainableParameters, settings.LearningRate, beta1: Beta1, beta2: Beta2, eps: Epsilon, weight_decay: settings.WeightDecay);
    }
}
