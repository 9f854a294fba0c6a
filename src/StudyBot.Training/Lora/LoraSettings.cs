namespace StudyBot.Training.Lora;

/// <summary>
/// LoRA hyper-parameters. Target modules use PEFT's list semantics: a target matches a layer whose full name equals it
/// or ends with "." + target (so "c_proj" matches attn.c_proj and mlp.c_proj, "attn.c_proj" only the former).
/// </summary>
public sealed record LoraSettings(int Rank = 8, double Alpha = 16, double Dropout = 0.0, IReadOnlyList<string>? TargetModules = null)
{
    public static IReadOnlyList<string> DefaultTargetModules { get; } = ["c_attn"];

    public IReadOnlyList<string> EffectiveTargetModules => TargetModules is { Count: > 0 } targets ? targets : DefaultTargetModules;

    /// <summary>alpha / r, the factor applied to B·A.</summary>
    public double Scaling => Alpha / Rank;

    /// <summary>Returns null when the settings are usable, otherwise what is wrong.</summary>
    public string? Problem()
    {
        if (Rank <= 0)
        {
            return $"LoRA rank must be positive (got {Rank}).";
        }

        if (!(Alpha > 0) || double.IsInfinity(Alpha))
        {
            return $"LoRA alpha must be a positive number (got {Alpha}).";
        }

        if (Dropout is < 0 or >= 1 || double.IsNaN(Dropout))
        {
            return $"LoRA dropout must be in [0, 1) (got {Dropout}).";
        }

        if (EffectiveTargetModules.Any(string.IsNullOrWhiteSpace))
        {
            return "LoRA target module names must not be empty.";
        }

        return null;
    }

    /// <summary>PEFT's matching rule for a list of target names.</summary>
    public static bool Matches(string moduleName, string target) =>
        moduleName == target || moduleName.EndsWith("." + target, StringComparison.Ordinal);
}
