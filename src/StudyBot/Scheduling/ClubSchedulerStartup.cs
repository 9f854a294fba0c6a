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
        var failed = 0;
        foreach (var guildId in guilds)
        {
            try
            {
                await planner.ReplanAsync(guildId, cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // One server's schedule that cannot be planned (a time zone this machine's database lacks, say) must
                // not keep the bot from starting for every other server.
                failed++;
                LogReplanFailed(logger, e, guildId);
            }
        }

        LogRebuilt(logger, guilds.Count - failed, failed);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Club schedules rebuilt for {Count} servers ({Failed} could not be planned)")]
    private static partial void LogRebuilt(ILogger logger, int count, int failed);

    [LoggerMessage(Level = LogLevel.Error, Message = "The club schedule of server {GuildId} could not be planned; its reminders will not fire until it is set up again with /club setup")]
    private static partial void LogReplanFailed(ILogger logger, Exception exception, ulong guildId);
}
