using Microsoft.Extensions.Options;
using StudyBot.Core.FineTune;

namespace StudyBot.FineTune;

/// <summary>Runs <see cref="FineTuneOptions.Validate"/> and, when the values are usable, <see cref="FineTuneFolders.Prepare"/>
/// at start, so every bad setting is named in one message. A <c>STUDYBOT_LIBTORCH_DIR</c> in the bot's environment
/// reaches every trainer too (when <c>FineTune:LibTorchDir</c> is not set), so it is checked the same way.</summary>
public sealed class FineTuneOptionsValidator(Func<string, string?>? environment = null) : IValidateOptions<FineTuneOptions>
{
    private readonly Func<string, string?> _environment = environment ?? Environment.GetEnvironmentVariable;

    public ValidateOptionsResult Validate(string? name, FineTuneOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = options.Validate();
        if (string.IsNullOrEmpty(options.LibTorchDir)
            && _environment(TrainerEnvironment.LibTorchVariable) is { Length: > 0 } fromEnvironment
            && !Directory.Exists(fromEnvironment))
        {
            errors = [.. errors, $"{TrainerEnvironment.LibTorchVariable} '{fromEnvironment}' (from the environment) does not exist; " +
                                 $"every trainer would fail to load libtorch. Fix it, unset it, or set {FineTuneOptions.SectionName}:LibTorchDir."];
        }

        if (errors.Count == 0)
        {
            errors = FineTuneFolders.Prepare(options);
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
