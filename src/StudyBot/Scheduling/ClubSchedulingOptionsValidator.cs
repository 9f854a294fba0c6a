using Microsoft.Extensions.Options;

namespace StudyBot.Scheduling;

/// <summary>Checked at start so a bad grace period stops the bot with a clear message instead of misbehaving later.</summary>
public sealed class ClubSchedulingOptionsValidator : IValidateOptions<ClubSchedulingOptions>
{
    public static readonly TimeSpan MaxGracePeriod = TimeSpan.FromHours(24);

    public ValidateOptionsResult Validate(string? name, ClubSchedulingOptions options) =>
        options.GracePeriod < TimeSpan.Zero || options.GracePeriod > MaxGracePeriod
            ? ValidateOptionsResult.Fail($"{ClubSchedulingOptions.SectionName}:GracePeriod must be between 00:00:00 and {MaxGracePeriod} (was {options.GracePeriod}).")
            : ValidateOptionsResult.Success;
}
