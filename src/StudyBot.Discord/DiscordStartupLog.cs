using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace StudyBot.Discord;

/// <summary>
/// One line at start telling operators which configuration (and which token, redacted) the transport runs with.
/// Runs before command registration and the gateway, so a wrong token is recognisable next to the failure it causes.
/// </summary>
internal sealed partial class DiscordStartupLog(IOptions<DiscordOptions> options, ILogger<DiscordStartupLog> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        // DiscordOptions.ToString() prints only the redacted form of the token.
        LogStarting(logger, options.Value);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Discord transport starting with {Settings}")]
    private static partial void LogStarting(ILogger logger, DiscordOptions settings);
}
