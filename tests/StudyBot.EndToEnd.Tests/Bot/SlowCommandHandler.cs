using StudyBot.Core.Commands;

namespace StudyBot.EndToEnd.Tests.Bot;

/// <summary>A test-only <c>/slow</c> command whose work takes longer than Discord's 3-second window, to prove the
/// transport acknowledges (defers) in time and still delivers the answer afterwards.</summary>
public sealed class SlowCommandHandler : ICommandHandler
{
    public static readonly TimeSpan Work = TimeSpan.FromSeconds(4);

    public CommandDeclaration Declaration { get; } = new("slow", "Takes its time before answering", []);

    public async Task<CommandResponse> HandleAsync(CommandRequest request, CancellationToken cancellationToken)
    {
        await Task.Delay(Work, cancellationToken);
        return CommandResponse.Text("Finally done.");
    }

    public Task<IReadOnlyList<CommandChoice>> AutocompleteAsync(AutocompleteRequest request, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<CommandChoice>>([]);
}
