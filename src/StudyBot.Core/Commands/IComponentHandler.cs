namespace StudyBot.Core.Commands;

/// <summary>Handles button clicks, select choices and modal submits whose custom id starts with
/// <see cref="CustomIdPrefix"/> (e.g. "rsvp:").</summary>
public interface IComponentHandler
{
    string CustomIdPrefix { get; }

    Task<CommandResponse> HandleComponentAsync(ComponentRequest request, CancellationToken cancellationToken);

    Task<CommandResponse> HandleModalSubmitAsync(ModalSubmitRequest request, CancellationToken cancellationToken);
}
