using StudyBot.Core.Commands;
using StudyBot.Core.FineTune;

namespace StudyBot.FineTune;

/// <summary>The /finetune and /gpu declarations. Upper limits are not declared: they come from configuration and
/// are checked by the handler with a message naming the limit.</summary>
public static class FineTuneCommandDeclaration
{
    public static CommandDeclaration Create() => new(
        "finetune",
        "Train a LoRA adapter on the club's GPU",
        [
            new("start", "Queue a fine-tune run", CommandOptionType.SubCommand, Options:
            [
                new("model", "Base model from the host's models folder", CommandOptionType.String, Required: true, Autocomplete: true, MinLength: 1, MaxLength: 100),
                new("dataset_file", "A .txt or .jsonl file to train on", CommandOptionType.Attachment),
                new("paper", "Train on a paper note from the library", CommandOptionType.String, Autocomplete: true, MinLength: 1, MaxLength: 200),
                new("sample", "A built-in data set (the default when no data is given)", CommandOptionType.String,
                    Choices: BuiltInDatasets.Names.Select(n => new CommandChoice(n, n)).ToList()),
                new("rank", $"LoRA rank r (default {FineTuneRunSettings.DefaultRank})", CommandOptionType.Integer, MinValue: 1),
                new("alpha", $"LoRA alpha; scaling is alpha/r (default {FineTuneRunSettings.DefaultAlpha})", CommandOptionType.Number, MinValue: 0),
                new("targets", "Layers to wrap, comma-separated (default c_attn)", CommandOptionType.String, MinLength: 1, MaxLength: 100),
                new("steps", $"Optimizer steps (default {FineTuneRunSettings.DefaultSteps})", CommandOptionType.Integer, MinValue: 1),
                new("lr", "Learning rate (default 0.002)", CommandOptionType.Number, MinValue: 0),
                new("seq_len", $"Tokens per sequence (default {FineTuneRunSettings.DefaultSequenceLength})", CommandOptionType.Integer, MinValue: 8),
                new("seed", "Random seed", CommandOptionType.Integer, MinValue: 0, MaxValue: int.MaxValue),
                new("prompt", "A prompt to sample before and after training", CommandOptionType.String, MinLength: 1, MaxLength: FineTuneSettingsValidator.MaxPromptLength),
            ]),
            new("status", "Progress of a run (default: your latest)", CommandOptionType.SubCommand, Options: [Run(required: false)]),
            new("list", "The queue, what is running, and recent runs", CommandOptionType.SubCommand),
            new("cancel", "Cancel a run (your own; admins any)", CommandOptionType.SubCommand, Options: [Run(required: true)]),
            new("result", "Post a finished run's results again", CommandOptionType.SubCommand, Options: [Run(required: true)]),
            new("approve", "Approve a run waiting for approval (admins)", CommandOptionType.SubCommand, Options: [Run(required: true)]),
        ]);

    public static CommandDeclaration CreateGpu() => new("gpu", "The training device, its memory, and the fine-tune queue", []);

    private static CommandOptionDeclaration Run(bool required) =>
        new("run", "Run id, e.g. r12", CommandOptionType.String, Required: required, Autocomplete: true, MinLength: 1, MaxLength: 20);
}
