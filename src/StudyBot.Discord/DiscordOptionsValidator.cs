using System.Globalization;
using Microsoft.Extensions.Options;

namespace StudyBot.Discord;

/// <summary>Checks <see cref="DiscordOptions"/> at start so a bad configuration fails loudly before connecting.</summary>
public sealed class DiscordOptionsValidator : IValidateOptions<DiscordOptions>
{
    private const GatewayIntents Privileged = GatewayIntents.GuildMembers | GatewayIntents.GuildPresences | GatewayIntents.MessageContent;
    private const int MaxIdentifiesPerHourLimit = 40;
    private static readonly TimeSpan MaxHelloTimeout = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan MaxSignatureAgeLimit = TimeSpan.FromMinutes(15);
    private static readonly TimeSpan MaxShutdownDrainTimeout = TimeSpan.FromSeconds(25);
    private static readonly TimeSpan MaxRetryAfterLimit = TimeSpan.FromHours(1);

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

        if (options.MaxRetryAfter <= TimeSpan.Zero || options.MaxRetryAfter > MaxRetryAfterLimit)
        {
            failures.Add($"Discord:MaxRetryAfter must be positive and at most {MaxRetryAfterLimit.TotalMinutes:0} minutes.");
        }

        if (options.DispatchConcurrency is < 1 or > 256)
        {
            failures.Add("Discord:DispatchConcurrency must be between 1 and 256.");
        }

        if (options.MaxConcurrentHandlers is < 1 or > 1024)
        {
            failures.Add("Discord:MaxConcurrentHandlers must be between 1 and 1024.");
        }

        if (options.DispatchQueueCapacity is < 1 or > 65536)
        {
            failures.Add("Discord:DispatchQueueCapacity must be between 1 and 65536.");
        }

        if (options.AutoDeferAfter <= TimeSpan.Zero || options.AutoDeferAfter >= TimeSpan.FromSeconds(3))
        {
            failures.Add("Discord:AutoDeferAfter must be positive and below Discord's 3 second limit.");
        }

        if (options.ShutdownDrainTimeout < TimeSpan.Zero || options.ShutdownDrainTimeout > MaxShutdownDrainTimeout)
        {
            failures.Add($"Discord:ShutdownDrainTimeout must be between 0 and {MaxShutdownDrainTimeout.TotalSeconds:0} seconds (the host stops waiting for shutdown after 30 s).");
        }

        if (options.MinIdentifyRemaining < 1)
        {
            failures.Add("Discord:MinIdentifyRemaining must be at least 1.");
        }

        if (options.MaxUnstableSessions is < 1 or > 100)
        {
            failures.Add("Discord:MaxUnstableSessions must be between 1 and 100.");
        }

        if (options.MaxIdentifiesPerHour is < 1 or > MaxIdentifiesPerHourLimit)
        {
            failures.Add($"Discord:MaxIdentifiesPerHour must be between 1 and {MaxIdentifiesPerHourLimit} (a day at the limit stays under Discord's 1000 identifies).");
        }

        if (options.HelloTimeout <= TimeSpan.Zero || options.HelloTimeout > MaxHelloTimeout)
        {
            failures.Add($"Discord:HelloTimeout must be positive and at most {MaxHelloTimeout.TotalSeconds:0} seconds (Discord sends Hello at once).");
        }

        if (options.MaxSignatureAge <= TimeSpan.Zero || options.MaxSignatureAge > MaxSignatureAgeLimit)
        {
            failures.Add($"Discord:MaxSignatureAge must be positive and at most {MaxSignatureAgeLimit.TotalMinutes:0} minutes (older signed requests could be replays).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static bool IsHexKey(string? key) =>
        key is { Length: 64 } && key.All(c => char.IsAsciiHexDigit(c)) && ulong.TryParse(key.AsSpan(0, 8), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out _);
}
