using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Quartz;
using StudyBot.Core.Club;

namespace StudyBot.Scheduling;

public static class ClubSchedulingServiceCollectionExtensions
{
    /// <summary>
    /// Quartz (in-memory store) running the club's pick, reminder, start and end jobs, and the reading queue's
    /// pending-metadata job (<see cref="QueueMetadataJob"/>); club triggers rebuilt from the
    /// database at start and whenever a schedule changes. Binds and validates <see cref="ClubSchedulingOptions"/>
    /// from the <c>ClubScheduling</c> section. Call after <c>AddStudyBotCore()</c> and <c>AddStudyBotStorage()</c>;
    /// an <see cref="IClubAnnouncer"/> must be registered by the transport. Time comes from the container's
    /// <see cref="TimeProvider"/> (the system clock unless one was registered first): the event services, the trigger
    /// planner and Quartz's own scheduling loop all read it, so a test's fake clock decides when triggers fire.
    /// </summary>
    public static IServiceCollection AddClubScheduling(this IServiceCollection services)
    {
        services.AddOptions<ClubSchedulingOptions>().BindConfiguration(ClubSchedulingOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ClubSchedulingOptions>, ClubSchedulingOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);

        services.AddTransient<ClubPickJob>();
        services.AddTransient<ClubReminderJob>();
        services.AddTransient<ClubSessionStartJob>();
        services.AddTransient<ClubSessionEndJob>();
        services.AddTransient<QueueMetadataJob>();
        services.AddQuartz(q =>
        {
            q.UseInMemoryStore();
            QueueMetadataJob.Schedule(q);
        });
        services.AddQuartzHostedService(o => o.WaitForJobsToComplete = true);

        services.TryAddSingleton<ClubTriggerPlanner>();
        services.Replace(ServiceDescriptor.Singleton<IClubScheduleListener>(sp => sp.GetRequiredService<ClubTriggerPlanner>()));
        services.AddHostedService<ClubSchedulerStartup>();
        return services;
    }
}
