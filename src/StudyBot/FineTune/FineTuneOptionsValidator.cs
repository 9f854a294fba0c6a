using Microsoft.Extensions.Options;
using StudyBot.Core.FineTune;

namespace StudyBot.FineTune;

/// <summary>Runs <see cref="FineTuneOptions.Validate"/> at start so every bad setting is named in one message.</summary>
public sealed class FineTuneOptionsValidator : IValidateOptions<FineTuneOptions>
{
    public ValidateOptionsResult Validate(string? name, FineTuneOptions options)
    {
        var errors = options.Validate();
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
