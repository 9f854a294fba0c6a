using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using StudyBot.Core.Club;
using StudyBot.Core.Queue;
using StudyBot.Storage.Club;
using StudyBot.Storage.Queue;

namespace StudyBot.Storage;

public static class StorageServiceCollectionExtensions
{
    /// <summary>The one LiteDB file at <paramref name="databasePath"/> (created with its folder if missing) and the
    /// queue and club repositories over it, all singletons (one database instance per process).</summary>
    public static IServiceCollection AddStudyBotStorage(this IServiceCollection services, string databasePath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(databasePath);
        services.TryAddSingleton(_ => new StudyBotDatabase(databasePath));
        services.TryAddSingleton<IReadingQueueRepository, LiteDbReadingQueueRepository>();
        services.TryAddSingleton<IClubRepository, LiteDbClubRepository>();
        services.TryAddSingleton<IClubEventLog, LiteDbClubEventLog>();
        return services;
    }
}
