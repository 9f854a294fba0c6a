using Microsoft.Extensions.Logging;
using StudyBot.Core.Commands;
using StudyBot.Discord.Interactions;
using StudyBot.Discord.Rest;

namespace StudyBot.DiscordBridge;

/// <summary>
/// Tells a response's <see cref="CommandResponse.OnSent"/> where the answer to an interaction lives: the
/// interaction token (editable for 15 minutes) and the message id, read from <c>@original</c> while the token works,
/// so the message can still be edited as an ordinary channel message afterwards.
/// </summary>
public sealed partial class InteractionReplyLocator(DiscordRestClient rest, ILogger<InteractionReplyLocator> logger)
{
    /// <summary>Calls the response's hook (if any) with the reply's location, or with null when nothing was sent.
    /// Never throws for a Discord failure.</summary>
    public async Task ReportAsync(InteractionContext context, CommandResponse response, bool sent, CancellationToken cancellationToken)
    {
        if (response.OnSent is not { } onSent)
        {
            return;
        }

        CommandReply? reply = null;
        try
        {
            reply = sent ? await LocateAsync(context, response, cancellationToken) : null;
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException)
        {
            // Unknown location: the hook still hears of it, so nothing waits for this reply in vain.
            LogNotLocated(logger, context.Interaction.Id, e.Message);
        }

        await onSent(reply, cancellationToken);
    }

    private async Task<CommandReply?> LocateAsync(InteractionContext context, CommandResponse response, CancellationToken cancellationToken)
    {
        var interaction = context.Interaction;
        if (response.Ephemeral || context.State is InteractionResponseState.None or InteractionResponseState.Abandoned
            || interaction.ChannelId is not { } channelId || !context.TokenValid)
        {
            return null;
        }

        try
        {
            var original = await rest.GetOriginalResponseAsync(interaction.Token, cancellationToken);
            return new CommandReply(channelId, original.Id, interaction.Token, context.CreatedAt);
        }
        catch (DiscordApiException ex)
        {
            // The token still edits @original; only the fallback after 15 minutes is lost.
            LogNotLocated(logger, interaction.Id, ex.Message);
            return new CommandReply(channelId, null, interaction.Token, context.CreatedAt);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Could not read the response to interaction {InteractionId}: {Reason}")]
    private static partial void LogNotLocated(ILogger logger, ulong interactionId, string reason);
}
