using StudyBot.Core.Commands;
using StudyBot.Discord.Commands;
using StudyBot.Discord.Interactions;

namespace StudyBot.DiscordBridge;

/// <summary>
/// The bot's one interaction handler: maps each interaction onto the command router and renders the answer.
/// Slow handlers need nothing special here: the transport defers automatically before Discord's 3-second limit.
/// A response with <see cref="CommandResponse.OnSent"/> learns where its message is once it was sent.
/// </summary>
public sealed class PaperClubInteractionHandler(CommandRouter router, InteractionReplyLocator replies) : IInteractionHandler
{
    public async Task HandleAsync(InteractionContext context, CancellationToken cancellationToken)
    {
        var interaction = context.Interaction;
        switch (interaction.Type)
        {
            case InteractionType.ApplicationCommandAutocomplete when interaction.Command is { } command:
                var choices = await router.HandleAutocompleteAsync(InteractionRequestMapper.Autocomplete(interaction, command), cancellationToken);
                await context.AutocompleteAsync(choices.Select(ToWireChoice), cancellationToken);
                break;
            case InteractionType.ApplicationCommand when interaction.Command is { } command:
                await AnswerAsync(context, await router.HandleCommandAsync(InteractionRequestMapper.Command(interaction, command), cancellationToken), cancellationToken);
                break;
            case InteractionType.MessageComponent when interaction.Component is { } component:
                await AnswerAsync(context, await router.HandleComponentAsync(InteractionRequestMapper.Component(interaction, component), cancellationToken), cancellationToken);
                break;
            case InteractionType.ModalSubmit when interaction.Modal is { } modal:
                await AnswerAsync(context, await router.HandleModalSubmitAsync(InteractionRequestMapper.ModalSubmit(interaction, modal), cancellationToken), cancellationToken);
                break;
            default:
                throw new InteractionOptionException("I can't handle that kind of interaction.");
        }
    }

    private async Task AnswerAsync(InteractionContext context, CommandResponse response, CancellationToken cancellationToken)
    {
        if (response.OnSent is null)
        {
            await SendAsync(context, response, cancellationToken);
            return;
        }

        try
        {
            await SendAsync(context, response, cancellationToken);
        }
        catch
        {
            await replies.ReportAsync(context, response, sent: false, CancellationToken.None);
            throw;
        }

        await replies.ReportAsync(context, response, sent: response.Kind == CommandResponseKind.Message, cancellationToken);
    }

    private static async Task SendAsync(InteractionContext context, CommandResponse response, CancellationToken cancellationToken)
    {
        switch (response.Kind)
        {
            case CommandResponseKind.Modal when response.Modal is { } modal && !context.IsAcknowledged:
                await context.ShowModalAsync(CommandResponseRenderer.Modal(modal), cancellationToken);
                break;
            case CommandResponseKind.Modal:
                await context.RespondAsync(InteractionReply.Text("That took too long to open a form; please try again.", ephemeral: true), cancellationToken);
                break;
            case CommandResponseKind.UpdateMessage when context.Interaction.Type is InteractionType.MessageComponent or InteractionType.ModalSubmit:
                await context.UpdateMessageAsync(CommandResponseRenderer.Update(response), cancellationToken);
                break;
            default:
                await context.RespondAsync(CommandResponseRenderer.Reply(response), cancellationToken);
                break;
        }
    }

    private static ApplicationCommandOptionChoice ToWireChoice(CommandChoice choice) => DeclarationMapper.Choice(choice);
}
