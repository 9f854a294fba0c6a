namespace StudyBot.Discord.Interactions;

public delegate Task InteractionHandlerDelegate(InteractionContext context, CancellationToken cancellationToken);
