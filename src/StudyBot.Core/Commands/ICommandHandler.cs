namespace StudyBot.Core.Commands;

/// <summary>Handles one top-level slash command (all of its subcommands).</summary>
public interface ICommandHandler
{
    CommandDeclaration Declaration { get; }

    Task<CommandResponse> HandleAsync(CommandRequest request, CancellationToken cancellationToken);

    /// <summary>Suggestions (at most 25) for the focused option; an empty list when the command has none.</summary>
    Task<IReadOnlyList<CommandChoice>> AutocompleteAsync(AutocompleteRequest request, CancellationToken cancellationToken);
}
