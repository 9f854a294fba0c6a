using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using StudyBot.Core.Club;

namespace StudyBot.Scheduling;

/// <summary>Rebuilds every club's triggers from the database when the bot starts.</summary>
public sealed partial class ClubSchedulerStartup(ClubEventPlanner events, ClubTriggerPlanner planner, ILogger<ClubSchedulerStartup> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var guilds = await events.ClubGuildsAsync(cancellationToken);
        foreach (var guildId in guilds)
        {
            await planner.ReplanAsync(guildId, cancellationToken);
        }

        LogRebuilt(logger, guilds.Count);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Club schedules rebuilt for {Count} servers")]
    private static partial void LogRebuilt(ILogger logger, int count);
}
