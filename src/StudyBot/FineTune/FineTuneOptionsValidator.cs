using Microsoft.Extensions.Options;
using StudyBot.Core.FineTune;

namespace StudyBot.FineTune;

/// <summary>Runs <see cref="FineTuneOptions.Validate"/> and, when the values are usable, <see cref="FineTuneFolders.Prepare"/>
/// at start, so every bad setting is named in one message.</summary>
public sealed class FineTuneOptionsValidator : IValidateOptions<FineTuneOptions>
{
    public ValidateOptionsResult Validate(string? name, FineTuneOptions options)
    {
        var errors = options.Validate();
        if (errors.Count == 0)
        {
            errors = FineTuneFolders.Prepare(options);
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
