namespace StudyBot.Core.FineTune;

/// <summary>What the member asked the trainer to do. Ranges are checked by <see cref="FineTuneSettingsValidator"/>.</summary>
/// <param name="BaseModel">The model folder's name under the models directory.</param>
/// <param name="TargetModules">Layer name patterns LoRA wraps, e.g. <c>c_attn</c>.</param>
/// <param name="Prompt">A prompt sampled before and after training; null for the trainer's default.</param>
/// <param name="BatchSize">Sequences per step: <see cref="DefaultBatchSize"/>, or fewer when the data set gives fewer
/// training sequences at this seq_len (chosen when the run is requested; members do not set it).</param>
public sealed record FineTuneRunSettings(
    string BaseModel,
    FineTuneDatasetSource Dataset,
    int Rank,
    double Alpha,
    IReadOnlyList<string> TargetModules,
    int Steps,
    double LearningRate,
    int SequenceLength,
    int Seed,
    string? Prompt,
    int BatchSize = FineTuneRunSettings.DefaultBatchSize)
{
    public const int DefaultRank = 8;
    public const double DefaultAlpha = 16;
    public const int DefaultSteps = 200;
    public const double DefaultLearningRate = 2e-3;
    public const int DefaultSequenceLength = 128;
    public const int DefaultSeed = 1234;
    public const int DefaultBatchSize = 4;

    public static IReadOnlyList<string> DefaultTargetModules { get; } = ["c_attn"];

    /// <summary>The target module names LoRA can wrap in a GPT-2 model.</summary>
    public static IReadOnlyList<string> KnownTargetModules { get; } = ["c_attn", "c_proj", "c_fc", "attn.c_proj", "mlp.c_proj"];
}
