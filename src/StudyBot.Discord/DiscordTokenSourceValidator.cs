using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace StudyBot.Discord;

/// <summary>
/// Fails start-up when the bot token was read from a configuration file other than user secrets (e.g. a committed
/// appsettings.json): the token must come from the environment or user secrets.
/// </summary>
internal sealed class DiscordTokenSourceValidator(IConfiguration configuration) : IValidateOptions<DiscordOptions>
{
    private const string TokenKey = DiscordOptions.SectionName + ":Token";

    public ValidateOptionsResult Validate(string? name, DiscordOptions options)
    {
        if (configuration is not IConfigurationRoot root)
        {
            return ValidateOptionsResult.Skip;
        }

        // Later providers win, so the last one holding the key is where the value came from.
        foreach (var provider in root.Providers.Reverse())
        {
            if (!provider.TryGet(TokenKey, out _))
            {
                continue;
            }

            return provider is FileConfigurationProvider file && !string.Equals(Path.GetFileName(file.Source.Path), "secrets.json", StringComparison.OrdinalIgnoreCase)
                ? ValidateOptionsResult.Fail($"Discord:Token is set in the file '{file.Source.Path}'. Keep the token out of files: use the environment variable Discord__Token or user secrets.")
                : ValidateOptionsResult.Success;
        }

        return ValidateOptionsResult.Success;
    }
}
