using StudyBot.Core.Commands;
using StudyBot.Core.FineTune;

namespace StudyBot.FineTune;

/// <summary>/gpu: the device, memory in use, queue length and what is running.</summary>
public sealed class GpuCommandHandler(IGpuMonitor gpu, IFineTuneRunRepository runs) : ICommandHandler
{
    private static readonly FineTuneRunState[] Active = [FineTuneRunState.Queued, FineTuneRunState.Running];

    public CommandDeclaration Declaration { get; } = FineTuneCommandDeclaration.CreateGpu();

    public async Task<CommandResponse> HandleAsync(CommandRequest request, CancellationToken cancellationToken)
    {
        var status = await gpu.GetStatusAsync(cancellationToken);
        var active = await runs.ListByStateAsync(Active, cancellationToken);
        var running = active.Where(r => r.State == FineTuneRunState.Running).ToList();
        var memory = status is { MemoryUsedMiB: { } used, MemoryTotalMiB: { } total }
            ? $"{used:N0} / {total:N0} MiB in use"
            : "not available";
        var fields = new List<EmbedField>
        {
            new("Device", status.Name is null ? status.Device : $"{status.Device} · {status.Name}", Inline: true),
            new("Memory", memory, Inline: true),
            new("Queue", $"{active.Count - running.Count} waiting", Inline: true),
            new("Running", running.Count == 0 ? "nothing" : string.Join('\n', running.Select(r => FineTuneMessages.Line(r)))),
        };
        return new CommandResponse { Embeds = [new ResponseEmbed(Title: "Training device", Fields: fields, Color: 0x3B82F6)] };
    }

    public Task<IReadOnlyList<CommandChoice>> AutocompleteAsync(AutocompleteRequest request, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<CommandChoice>>([]);
}
