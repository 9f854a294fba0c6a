using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace StudyBot.Discord.Interactions;

/// <summary>
/// Lets interaction handlers finish when the host stops (see <see cref="InteractionDispatcher.StopAsync"/>). Registered
/// before the gateway client and its workers, so it stops after them: no new interactions arrive while it waits.
/// </summary>
internal sealed class InteractionShutdown(InteractionDispatcher dispatcher, IOptions<DiscordOptions> options) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => dispatcher.StopAsync(options.Value.ShutdownDrainTimeout, cancellationToken);
}
