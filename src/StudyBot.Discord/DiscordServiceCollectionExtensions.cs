using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StudyBot.Discord.Commands;
using StudyBot.Discord.Gateway;
using StudyBot.Discord.Http;
using StudyBot.Discord.Interactions;
using StudyBot.Discord.Rest;

namespace StudyBot.Discord;

public static class DiscordServiceCollectionExtensions
{
    /// <summary>
    /// Registers the Discord transport: validated <see cref="DiscordOptions"/> from the <c>Discord</c> section of
    /// <paramref name="configuration"/>, the REST client, command registration, and (in Gateway mode) the gateway
    /// client and dispatch workers. The app must register an <see cref="IInteractionHandler"/> and may register
    /// <see cref="IApplicationCommandProvider"/>s and <see cref="IGatewayDispatchHandler"/>s. In Http mode also call
    /// <c>app.MapDiscordInteractions("/interactions")</c>.
    /// </summary>
    public static IServiceCollection AddDiscordTransport(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DiscordOptions>().Bind(configuration.GetSection(DiscordOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<DiscordOptions>, DiscordOptionsValidator>();
        services.AddSingleton<IValidateOptions<DiscordOptions>>(new DiscordTokenSourceValidator(configuration));
        services.TryAddSingleton(TimeProvider.System);

        // .NET's default HttpClient logging writes full request URLs at Information, and Discord puts interaction and
        // webhook tokens in the path (interactions/{id}/{token}/callback, webhooks/{app}/{token}). DiscordRestClient
        // logs each request itself with the token redacted.
        services.AddHttpClient(DiscordRestClient.HttpClientName, client => client.Timeout = TimeSpan.FromSeconds(30)).RemoveAllLoggers();
        services.TryAddSingleton(sp =>
        {
            var discord = sp.GetRequiredService<IOptionsMonitor<DiscordOptions>>();
            return new DiscordRateLimiter(sp.GetRequiredService<TimeProvider>(), maxWait: () => discord.CurrentValue.MaxRetryAfter);
        });
        services.TryAddSingleton(sp => new DiscordRestClient(
            sp.GetRequiredService<IHttpClientFactory>(),
            sp.GetRequiredService<IOptionsMonitor<DiscordOptions>>(),
            sp.GetRequiredService<DiscordRateLimiter>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<DiscordRestClient>>()));

        services.TryAddSingleton(sp => new InteractionDispatcher(
            sp.GetRequiredService<IInteractionHandler>(),
            sp.GetRequiredService<DiscordRestClient>(),
            sp.GetRequiredService<IOptionsMonitor<DiscordOptions>>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<InteractionDispatcher>>()));
        services.TryAddSingleton(sp => new DiscordSignatureVerifier(sp.GetRequiredService<IOptionsMonitor<DiscordOptions>>().CurrentValue.PublicKey ?? ""));

        services.AddHostedService<DiscordStartupLog>();

        // Stops after everything registered below (hosts stop in reverse order): handlers finish once nothing new comes in.
        services.AddHostedService<InteractionShutdown>();

        // Registration runs in the background (its StartAsync returns at once): a slow or garbled answer from Discord
        // must neither delay the gateway nor fail the host's start.
        services.TryAddSingleton<CommandRegistrar>();
        services.AddHostedService(sp => sp.GetRequiredService<CommandRegistrar>());

        services.TryAddSingleton<GatewayDispatchQueue>();
        services.TryAddSingleton(sp => new IdentifyBudget(sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<IGatewayDispatchHandler>(sp => new InteractionCreateHandler(sp.GetRequiredService<InteractionDispatcher>()));
        services.TryAddSingleton(sp => new DiscordGatewayClient(
            sp.GetRequiredService<IOptionsMonitor<DiscordOptions>>(),
            sp.GetRequiredService<DiscordRestClient>(),
            sp.GetRequiredService<GatewayDispatchQueue>(),
            sp.GetRequiredService<IdentifyBudget>(),
            sp.GetRequiredService<IHostApplicationLifetime>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<DiscordGatewayClient>>()));
        services.AddHostedService<GatewayDispatchWorker>();
        services.AddHostedService(sp => sp.GetRequiredService<DiscordGatewayClient>());
        return services;
    }
}
