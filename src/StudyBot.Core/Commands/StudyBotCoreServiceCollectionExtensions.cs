using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using StudyBot.Core.Club;
using StudyBot.Core.Commands.Handlers;
using StudyBot.Core.Queue;

namespace StudyBot.Core.Commands;

public static class StudyBotCoreServiceCollectionExtensions
{
    /// <summary>The command layer (router, /paper /queue /club handlers, RSVP buttons) and the queue and club
    /// services. Needs an <c>IPaperCatalog</c>, the repositories (<c>AddStudyBotStorage</c>) and an
    /// <see cref="IClubAnnouncer"/> from elsewhere; <see cref="IPaperMetadataLookup"/> and
    /// <see cref="IClubScheduleListener"/> fall back to inert defaults when nothing else registers them.</summary>
    public static IServiceCollection AddStudyBotCore(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IPaperMetadataLookup, UnavailablePaperMetadataLookup>();
        services.TryAddSingleton<IClubScheduleListener, NoClubScheduleListener>();
        services.TryAddSingleton<ReadingQueueService>();
        services.TryAddSingleton<ClubService>();
        services.TryAddSingleton<ClubEventService>();
        services.TryAddSingleton<ClubEventPlanner>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ICommandHandler, PaperCommandHandler>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ICommandHandler, QueueCommandHandler>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ICommandHandler, ClubCommandHandler>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IComponentHandler, RsvpComponentHandler>());
        services.TryAddSingleton<CommandRouter>();
        return services;
    }
}
