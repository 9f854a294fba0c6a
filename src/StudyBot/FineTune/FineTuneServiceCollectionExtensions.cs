using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using StudyBot.Core.Commands;
using StudyBot.Core.FineTune;
using StudyBot.Storage;
using StudyBot.Storage.FineTune;

namespace StudyBot.FineTune;

public static class FineTuneServiceCollectionExtensions
{
    /// <summary>
    /// The fine-tune feature: options (section <c>FineTune</c>, validated at start), run repository, model catalog,
    /// dataset fetcher, GPU monitor, queue worker and the /finetune, /gpu and <c>ft:</c> handlers. The host must
    /// also register <see cref="StudyBotDatabase"/>, <see cref="Core.Papers.IPaperCatalog"/>,
    /// <see cref="IFineTuneNotifier"/> and <see cref="IAdapterSampler"/> (the bot's is <see cref="ProcessAdapterSampler"/>);
    /// <see cref="TimeProvider"/> defaults to the system clock.
    /// </summary>
    public static IServiceCollection AddFineTune(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<FineTuneOptions>()
            .Bind(configuration.GetSection(FineTuneOptions.SectionName))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<FineTuneOptions>, FineTuneOptionsValidator>();

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IFineTuneRunRepository>(sp => new LiteDbFineTuneRunRepository(sp.GetRequiredService<StudyBotDatabase>()));
        services.TryAddSingleton<IModelCatalog>(sp => new DirectoryModelCatalog(sp.GetRequiredService<IOptions<FineTuneOptions>>().Value.ModelsDirectory));
        services.AddHttpClient<IDatasetFetcher, HttpDatasetFetcher>(client => client.Timeout = TimeSpan.FromMinutes(2));
        services.TryAddSingleton<IGpuMonitor, NvidiaSmiGpuMonitor>();

        services.AddSingleton<FineTuneQueueSignal>();
        services.AddSingleton<IFineTuneQueueSignal>(sp => sp.GetRequiredService<FineTuneQueueSignal>());
        services.AddSingleton<TrainerProcessLauncher>();
        services.AddSingleton<TrainerProcessSupervisor>();
        services.AddSingleton<FineTuneRunMessageEditor>();
        services.AddSingleton<FineTuneRunExecutor>();
        services.AddHostedService<FineTuneWorker>();

        services.AddSingleton<FineTuneMemberLocks>();
        services.AddSingleton<FineTuneRequestService>();
        services.AddSingleton<ICommandHandler, FineTuneCommandHandler>();
        services.AddSingleton<ICommandHandler, GpuCommandHandler>();
        services.AddSingleton<IComponentHandler, FineTuneComponentHandler>();
        return services;
    }
}
