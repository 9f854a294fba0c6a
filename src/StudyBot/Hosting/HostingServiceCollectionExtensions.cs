using Microsoft.Extensions.Options;
using StudyBot.Core.Club;
using StudyBot.Core.Commands;
using StudyBot.Core.FineTune;
using StudyBot.Core.Papers;
using StudyBot.Core.Queue;
using StudyBot.Discord;
using StudyBot.Discord.Commands;
using StudyBot.Discord.Interactions;
using StudyBot.DiscordBridge;
using StudyBot.FineTune;
using StudyBot.Scheduling;
using StudyBot.Storage;
using StudyBot.Storage.Arxiv;

namespace StudyBot.Hosting;

/// <summary>One registration per part of the bot; <see cref="BotHost"/> calls them in order.</summary>
public static class HostingServiceCollectionExtensions
{
    public static IServiceCollection AddPaperLibrary(this IServiceCollection services)
    {
        services.AddOptions<PapersOptions>().BindConfiguration(PapersOptions.SectionName);
        services.AddSingleton<IPaperCatalog>(sp => PaperLibraryProvider.Load(
            sp.GetRequiredService<IOptions<PapersOptions>>().Value,
            sp.GetRequiredService<ILoggerFactory>().CreateLogger("StudyBot.Papers")));
        return services;
    }

    public static IServiceCollection AddDatabase(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<StorageOptions>().BindConfiguration(StorageOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        var path = configuration.GetSection(StorageOptions.SectionName).Get<StorageOptions>()?.DatabasePath ?? new StorageOptions().DatabasePath;
        return services.AddStudyBotStorage(path);
    }

    public static IServiceCollection AddArxivLookup(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(ArxivClientOptions.SectionName).Get<ArxivClientOptions>() ?? new ArxivClientOptions();
        options.Validate();
        services.AddSingleton(options);
        // One client for the whole process: the 3-second spacing arXiv asks for is tracked per instance.
        services.AddHttpClient(nameof(ArxivClient));
        services.AddSingleton(sp => new ArxivClient(
            sp.GetRequiredService<IHttpClientFactory>().CreateClient(nameof(ArxivClient)),
            sp.GetRequiredService<TimeProvider>(),
            options,
            sp.GetRequiredService<ILogger<ArxivClient>>()));
        services.AddSingleton<ArxivCache>();
        services.AddSingleton<ArxivMetadataService>();
        services.AddSingleton<IPaperMetadataLookup, ArxivPaperMetadataLookup>();
        return services;
    }

    /// <summary>The Discord transport with the paper club's commands, handler and announcer on top.</summary>
    public static IServiceCollection AddDiscordBridge(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddDiscordTransport(configuration);
        services.AddSingleton<IInteractionHandler, PaperClubInteractionHandler>();
        services.AddSingleton<InteractionReplyLocator>();
        services.AddSingleton<IApplicationCommandProvider, PaperClubCommandProvider>();
        services.AddSingleton<ScheduledEventLinks>();
        services.AddSingleton<IClubAnnouncer, DiscordClubAnnouncer>();
        services.AddSingleton<IFineTuneNotifier, DiscordFineTuneNotifier>();
        return services;
    }

    /// <summary>Fine-tunes from chat: the queue worker, trainer processes, and sampling with finished adapters.</summary>
    public static IServiceCollection AddFineTuning(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<IAdapterSampler, ProcessAdapterSampler>();
        return services.AddFineTune(configuration);
    }
}
