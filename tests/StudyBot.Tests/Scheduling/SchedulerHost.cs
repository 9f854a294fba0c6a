using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using StudyBot.Core.Club;
using StudyBot.Core.Commands;
using StudyBot.Core.Papers;
using StudyBot.Scheduling;
using StudyBot.Storage;

namespace StudyBot.Tests.Scheduling;

/// <summary>A real generic host with the real registrations (core, storage on a temp file, Quartz) and a recording
/// announcer; each instance is one "run" of the bot over the same database file.</summary>
internal static class SchedulerHost
{
    public static IHost Build(string databasePath, RecordingAnnouncer announcer, string? gracePeriod = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Development" });
        if (gracePeriod is not null)
        {
            builder.Configuration[$"{ClubSchedulingOptions.SectionName}:GracePeriod"] = gracePeriod;
        }

        builder.Services.AddSingleton<IPaperCatalog, EmptyCatalog>();
        builder.Services.AddSingleton<IClubAnnouncer>(announcer);
        builder.Services.AddStudyBotCore();
        builder.Services.AddStudyBotStorage(databasePath);
        builder.Services.AddClubScheduling();
        return builder.Build();
    }

    /// <summary>A UTC club whose session starts an hour and <paramref name="lead"/> from now, with a single
    /// one-hour reminder, so the reminder is due <paramref name="lead"/> from now.</summary>
    public static async Task<ClubSchedule> SaveClubWithReminderDueInAsync(string databasePath, ulong guildId, TimeSpan lead)
    {
        var start = DateTimeOffset.UtcNow + TimeSpan.FromHours(1) + lead;
        var schedule = new ClubSchedule(
            guildId,
            42,
            start.DayOfWeek,
            TimeOnly.FromDateTime(start.UtcDateTime),
            "UTC",
            TimeSpan.FromMinutes(30),
            [TimeSpan.FromHours(1)],
            TimeSpan.FromDays(5),
            [],
            DateTimeOffset.UtcNow);
        using var database = new StudyBotDatabase(databasePath);
        await new Storage.Club.LiteDbClubRepository(database).SaveScheduleAsync(schedule, default);
        return schedule;
    }

    public static async Task<bool> WaitUntilAsync(Func<bool> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (condition())
            {
                return true;
            }

            await Task.Delay(100);
        }

        return condition();
    }
}
