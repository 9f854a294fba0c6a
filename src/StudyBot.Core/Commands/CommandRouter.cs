using Microsoft.Extensions.Logging;

namespace StudyBot.Core.Commands;

/// <summary>
/// The one entry point a transport calls. Commands go to the handler of their top-level name, components and
/// modal submits to the handler whose custom-id prefix matches, autocomplete to the command's handler. Every
/// failure becomes an ephemeral error response; nothing but cancellation escapes.
/// </summary>
public sealed partial class CommandRouter
{
    private const string UnexpectedFailure = "Something went wrong while handling that. The error was logged; please try again later.";

    private readonly Dictionary<string, ICommandHandler> _commands;
    private readonly IReadOnlyList<IComponentHandler> _components;
    private readonly ILogger<CommandRouter> _logger;

    public CommandRouter(IEnumerable<ICommandHandler> commandHandlers, IEnumerable<IComponentHandler> componentHandlers, ILogger<CommandRouter> logger)
    {
        var handlers = commandHandlers.ToList();
        CommandDeclarationValidator.ThrowIfInvalid(handlers.Select(h => h.Declaration));
        _commands = handlers.ToDictionary(h => h.Declaration.Name, StringComparer.Ordinal);
        _components = componentHandlers.OrderByDescending(h => h.CustomIdPrefix.Length).ToList();
        _logger = logger;
        Declarations = handlers.Select(h => h.Declaration).ToList();
    }

    /// <summary>Every command to register with Discord.</summary>
    public IReadOnlyList<CommandDeclaration> Declarations { get; }

    public async Task<CommandResponse> HandleCommandAsync(CommandRequest request, CancellationToken cancellationToken)
    {
        if (!_commands.TryGetValue(request.CommandName, out var handler))
        {
            return CommandResponse.Error($"I don't know the command `/{request.CommandName}`.");
        }

        var leafOptions = handler.Declaration.FindLeafOptions(request.CommandPath);
        if (leafOptions is null)
        {
            return CommandResponse.Error($"`/{request.CommandPath}` is not a command I know. Try `/{request.CommandName}` and pick a subcommand.");
        }

        if (handler.Declaration.DefaultMemberPermissions is { } needed && !HasAll(request.Member.Permissions, needed))
        {
            return CommandResponse.Error($"You need permission to use `/{request.CommandName}`.");
        }

        var problem = CommandOptionChecker.FindProblem(leafOptions, request.Options);
        if (problem is not null)
        {
            return CommandResponse.Error(problem);
        }

        return await RunAsync(request.CommandPath, () => handler.HandleAsync(request, cancellationToken), cancellationToken);
    }

    public Task<CommandResponse> HandleComponentAsync(ComponentRequest request, CancellationToken cancellationToken)
    {
        var handler = FindComponentHandler(request.CustomId);
        return handler is null
            ? Task.FromResult(CommandResponse.Error("That button is no longer active."))
            : RunAsync(request.CustomId, () => handler.HandleComponentAsync(request, cancellationToken), cancellationToken);
    }

    public Task<CommandResponse> HandleModalSubmitAsync(ModalSubmitRequest request, CancellationToken cancellationToken)
    {
        var handler = FindComponentHandler(request.CustomId);
        return handler is null
            ? Task.FromResult(CommandResponse.Error("That form is no longer active."))
            : RunAsync(request.CustomId, () => handler.HandleModalSubmitAsync(request, cancellationToken), cancellationToken);
    }

    /// <summary>At most 25 suggestions; an empty list on any problem (Discord shows "no options").</summary>
    public async Task<IReadOnlyList<CommandChoice>> HandleAutocompleteAsync(AutocompleteRequest request, CancellationToken cancellationToken)
    {
        if (!_commands.TryGetValue(request.CommandName, out var handler))
        {
            return [];
        }

        try
        {
            var choices = await handler.AutocompleteAsync(request, cancellationToken);
            return choices.Take(CommandResponseLimits.MaxChoices)
                .Select(c => c.Name.Length > 100 ? c with { Name = c.Name[..99] + "…" } : c)
                .ToList();
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex)
        {
            LogHandlerFailed(_logger, request.CommandPath, ex);
            return [];
        }
    }

    /// <summary>As Discord decides who sees a command: every required bit, or Administrator (which implies all).</summary>
    private static bool HasAll(ulong held, ulong needed) =>
        (held & DiscordPermissions.Administrator) != 0 || (held & needed) == needed;

    private IComponentHandler? FindComponentHandler(string customId) =>
        _components.FirstOrDefault(h => customId.StartsWith(h.CustomIdPrefix, StringComparison.Ordinal));

    private async Task<CommandResponse> RunAsync(string what, Func<Task<CommandResponse>> handle, CancellationToken cancellationToken)
    {
        try
        {
            var response = await handle();
            var violation = CommandResponseLimits.FindViolation(response);
            if (violation is null)
            {
                return response;
            }

            LogResponseTooLarge(_logger, what, violation);
            return CommandResponse.Error("The answer to that came out too large for Discord. The problem was logged.");
        }
        catch (CommandInputException ex)
        {
            return CommandResponse.Error(ex.Message);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex)
        {
            LogHandlerFailed(_logger, what, ex);
            return CommandResponse.Error(UnexpectedFailure);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Handler for {What} failed")]
    private static partial void LogHandlerFailed(ILogger logger, string what, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Response for {What} breaks a Discord limit: {Violation}")]
    private static partial void LogResponseTooLarge(ILogger logger, string what, string violation);
}
