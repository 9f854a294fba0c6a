using StudyBot.Core.Commands;
using StudyBot.Core.FineTune;

namespace StudyBot.FineTune;

/// <summary>
/// /gpu: the device, memory in use, queue length, what is running and the device it actually trains on. The device is shared by every server the bot
/// is in: this server's runs are listed by name, other servers' only counted (their members' names stay there).
/// </summary>
public sealed class GpuCommandHandler(IGpuMonitor gpu, IFineTuneRunRepository runs) : ICommandHandler
{
    private const int RecentForDevice = 20;
    private static readonly FineTuneRunState[] Active = [FineTuneRunState.Queued, FineTuneRunState.Running];

    public CommandDeclaration Declaration { get; } = FineTuneCommandDeclaration.CreateGpu();

    public async Task<CommandResponse> HandleAsync(CommandRequest request, CancellationToken cancellationToken)
    {
        var status = await gpu.GetStatusAsync(cancellationToken);
        var active = await runs.ListByStateAsync(Active, cancellationToken);
        var running = active.Where(r => r.State == FineTuneRunState.Running).ToList();
        var waiting = active.Count - running.Count;
        var ours = running.Where(r => r.GuildId == request.GuildId).ToList();
        var others = running.Count - ours.Count;
        var oursWaiting = active.Count(r => r.State == FineTuneRunState.Queued && r.GuildId == request.GuildId);

        var memory = status is { MemoryUsedMiB: { } used, MemoryTotalMiB: { } total }
            ? $"{used:N0} / {total:N0} MiB in use"
            : "not available";
        var runningLines = ours.Select(r => FineTuneMessages.Line(r)).ToList();
        if (others > 0)
        {
            runningLines.Add($"{others} run{(others == 1 ? "" : "s")} of another server");
        }

        var fields = new List<EmbedField>
        {
            new("Device", status.Name is null ? status.Device : $"{status.Device} · {status.Name}", Inline: true),
            new("Memory", memory, Inline: true),
            new("Queue", waiting == oursWaiting ? $"{waiting} waiting" : $"{waiting} waiting ({oursWaiting} from this server)", Inline: true),
            new("Running", runningLines.Count == 0 ? "nothing" : string.Join('\n', runningLines)),
        };
        if (await TrainedOnAsync(running, cancellationToken) is { } trainedOn)
        {
            fields.Add(trainedOn);
        }

        return new CommandResponse { Embeds = [new ResponseEmbed(Title: "Training device", Fields: fields, Color: 0x3B82F6)] };
    }

    public Task<IReadOnlyList<CommandChoice>> AutocompleteAsync(AutocompleteRequest request, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<CommandChoice>>([]);

    /// <summary>
    /// What the trainer reported it actually used — the configured device may be "auto", and a trainer whose libtorch
    /// has no CUDA trains on the CPU of a GPU host: the running runs' devices, else the last run's that reported one.
    /// </summary>
    private async Task<EmbedField?> TrainedOnAsync(IReadOnlyList<FineTuneRun> running, CancellationToken cancellationToken)
    {
        var current = running.Select(r => r.TrainingDevice).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        if (current.Count > 0)
        {
            return new EmbedField("Running on", string.Join('\n', current));
        }

        var latest = (await runs.ListLatestAsync(RecentForDevice, cancellationToken)).FirstOrDefault(r => r.TrainingDevice is not null);
        return latest is null ? null : new EmbedField("Last run trained on", latest.TrainingDevice!);
    }
}
