using StudyBot.Discord.Rest;

namespace StudyBot.Discord.Interactions;

internal sealed class RestInitialResponder(DiscordRestClient rest) : IInitialResponder
{
    public Task SendAsync(Interaction interaction, InteractionCallback callback, CancellationToken cancellationToken) =>
        rest.CreateInteractionResponseAsync(interaction.Id, interaction.Token, callback, cancellationToken);
}
