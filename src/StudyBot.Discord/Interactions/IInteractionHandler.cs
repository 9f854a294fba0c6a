namespace StudyBot.Discord.Interactions;

/// <summary>
/// The one thing the app implements to receive interactions (commands, autocomplete, components, modal submits).
/// Respond through the context; if nothing is sent within <see cref="DiscordOptions.AutoDeferAfter"/> the
/// dispatcher defers for you, and the later response edits the deferred message. Throw
/// <see cref="InteractionOptionException"/> to show its message to the member as an ephemeral error.
/// </summary>
public interface IInteractionHandler
{
    Task HandleAsync(InteractionContext context, CancellationToken cancellationToken);
}
