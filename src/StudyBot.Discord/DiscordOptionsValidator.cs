using System.Globalization;
using Microsoft.Extensions.Options;

namespace StudyBot.Discord;

/// <summary>Checks <see cref="DiscordOptions"/> at start so a bad configuration fails loudly before connecting.</summary>
public sealed class DiscordOptionsValidator : IValidateOptions<DiscordOptions>
{
    private const GatewayIntents Privileged = GatewayIntents.GuildMembers | GatewayIntents.GuildPresences | GatewayIntents.MessageContent;

    public ValidateOptionsResult Validate(string? name, DiscordOptions options)
    {
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.Token))
        {
            failures.Add("Discord:Token is required; set it with the environment variable Discord__Token or user secrets.");
        }
        else if (options.Token.Any(char.IsWhiteSpace))
        {
            failures.Add("Discord:Token contains whitespace; paste the bot token without the 'Bot ' prefix.");
        }

        if (options.ApplicationId == 0)
        {
            failures.Add("Discord:ApplicationId is required (the application's snowflake id).");
        }

        if (options.GuildId == 0)
        {
            failures.Add("Discord:GuildId must be a snowflake id or left out.");
        }

        if (!options.ApiBaseUrl.IsAbsoluteUri || options.ApiBaseUrl.Scheme is not ("http" or "https"))
        {
            failures.Add("Discord:ApiBaseUrl must be an absolute http(s) URL.");
        }

        if (options.GatewayUrlOverride is { } gateway && (!gateway.IsAbsoluteUri || gateway.Scheme is not ("ws" or "wss")))
        {
            failures.Add("Discord:GatewayUrlOverride must be an absolute ws:// or wss:// URL.");
        }

        if ((options.Intents & Privileged) != 0)
        {
            failures.Add("Discord:Intents asks for privileged intents (GuildMembers, GuildPresences, MessageContent); StudyBot needs Guilds at most.");
        }

        if (((int)options.Intents & ~(int)GatewayIntents.Guilds) != 0 && (options.Intents & Privileged) == 0)
        {
            failures.Add("Discord:Intents may only contain Guilds.");
        }

        if (options.Mode == DiscordMode.Http && !IsHexKey(options.PublicKey))
        {
            failures.Add("Discord:PublicKey (64 hex characters, the application's Ed25519 public key) is required in Http mode.");
        }

        if (options.MaxRateLimitRetries is < 0 or > 10)
        {
            failures.Add("Discord:MaxRateLimitRetries must be between 0 and 10.");
        }

        if (options.DispatchConcurrency is < 1 or > 256)
        {
            failures.Add("Discord:DispatchConcurrency must be between 1 and 256.");
        }

        if (options.AutoDeferAfter <= TimeSpan.Zero || options.AutoDeferAfter >= TimeSpan.FromSeconds(3))
        {
            failures.Add("Discord:AutoDeferAfter must be positive and below Discord's 3 second limit.");
        }

        if (options.MinIdentifyRemaining < 1)
        {
            failures.Add("Discord:MinIdentifyRemaining must be at least 1.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static bool IsHexKey(string? key) =>
        key is { Length: 64 } && key.All(c => char.IsAsciiHexDigit(c)) && ulong.TryParse(key.AsSpan(0, 8), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out _);
}
