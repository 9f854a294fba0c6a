using Microsoft.Extensions.Logging;
using StudyBot.Discord.Commands;
using StudyBot.Discord.Rest;

namespace StudyBot.Discord.Interactions;

/// <summary>
/// One interaction being handled, and every way to answer it. The methods pick the right Discord call for the
/// current state: the first answer is the interaction callback; after a defer the answer edits (or replaces) the
/// deferred message; later answers are follow-ups; past the token's 15-minute life, plain channel messages.
/// Calls are serialised, so a handler racing the automatic defer is safe.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Reliability", "CA1001", Justification = "The semaphore never allocates a wait handle (no AvailableWaitHandle), so there is nothing to dispose.")]
public sealed partial class InteractionContext
{
    /// <summary>Discord's token life is 15 minutes; keep a margin for clock skew and latency.</summary>
    private static readonly TimeSpan TokenLife = TimeSpan.FromMinutes(15) - TimeSpan.FromSeconds(30);

    /// <summary>
    /// Waits before retrying a 10015 Unknown Webhook on a young token: Discord answers that while it has not yet acted
    /// on the initial response (an inline HTTP answer is still on its way), not only for a token that is gone.
    /// </summary>
    private static readonly TimeSpan[] UnknownWebhookRetryDelays = [TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(250), TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(1)];

    private readonly DiscordRestClient rest;
    private readonly IInitialResponder initialResponder;
    private readonly TimeProvider time;
    private readonly ILogger logger;
    private readonly SemaphoreSlim gate = new(1, 1);
    private readonly TaskCompletionSource acknowledged = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private bool deferredEphemeral;

    /// <summary>Set once Discord has refused the token for good (expired, or still unknown after the 10015 retries):
    /// later replies go straight to the channel fallback.</summary>
    private volatile bool tokenDead;

    internal InteractionContext(Interaction interaction, DateTimeOffset createdAt, DiscordRestClient rest, IInitialResponder initialResponder, TimeProvider time, ILogger logger)
    {
        Interaction = interaction;
        CreatedAt = createdAt;
        this.rest = rest;
        this.initialResponder = initialResponder;
        this.time = time;
        this.logger = logger;
    }

    public Interaction Interaction { get; }

    /// <summary>When Discord created the interaction (from its id), on our clock, and never after receipt; deadlines count from here.</summary>
    public DateTimeOffset CreatedAt { get; }

    public CommandData? Command => Interaction.Command;

    public ComponentData? Component => Interaction.Component;

    public ModalData? Modal => Interaction.Modal;

    /// <summary>Set early in a handler whose answer will be ephemeral, so an automatic defer is ephemeral too.</summary>
    public bool PreferEphemeral { get; set; }

    public InteractionResponseState State { get; private set; }

    public bool IsAcknowledged => State != InteractionResponseState.None;

    /// <summary>Whether the interaction token (follow-ups, @original edits) is still usable.</summary>
    public bool TokenValid => !tokenDead && time.GetUtcNow() - CreatedAt < TokenLife;

    /// <summary>Inside Discord's own 15 minutes, without our margin: a 10015 now means "not yet", not "expired".</summary>
    private bool TokenYoung => time.GetUtcNow() - CreatedAt < TimeSpan.FromMinutes(15);

    internal Task Acknowledged => acknowledged.Task;

    /// <summary>Answers with a message: first response, completion of a defer, or a follow-up.</summary>
    public async Task RespondAsync(InteractionReply reply, CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken);
        try
        {
            await RespondCoreAsync(reply, cancellationToken);
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Edits the message a component is attached to (type 7, or an @original edit after a defer).</summary>
    public async Task UpdateMessageAsync(InteractionReply reply, CancellationToken cancellationToken)
    {
        if (Interaction.Type is not (InteractionType.MessageComponent or InteractionType.ModalSubmit))
        {
            throw new InvalidOperationException("Only component and modal-submit interactions can update their message.");
        }

        await gate.WaitAsync(cancellationToken);
        try
        {
            if (State == InteractionResponseState.None)
            {
                await SendInitialAsync(
                    new InteractionCallback(InteractionCallbackType.UpdateMessage, InteractionCallbackData.FromMessage(reply.ToMessage() with { Flags = null })),
                    InteractionResponseState.Responded,
                    cancellationToken);
            }
            else if (State != InteractionResponseState.Abandoned)
            {
                await EditOrPostAsync(reply with { Ephemeral = false }, cancellationToken);
                State = InteractionResponseState.Responded;
            }
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>
    /// Acknowledges now and answers later: "thinking…" (type 5) for commands and modal submits, a silent
    /// acknowledgement (type 6) for components unless <paramref name="ephemeral"/> is true. No-op once acknowledged.
    /// </summary>
    public async Task DeferAsync(bool? ephemeral = null, CancellationToken cancellationToken = default)
    {
        await gate.WaitAsync(cancellationToken);
        try
        {
            await DeferCoreAsync(ephemeral ?? PreferEphemeral, ephemeral is null, cancellationToken);
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Pops up a modal; only possible as the first response, and not in answer to a modal submit.</summary>
    public async Task ShowModalAsync(ModalResponse modal, CancellationToken cancellationToken)
    {
        if (Interaction.Type is InteractionType.ModalSubmit or InteractionType.ApplicationCommandAutocomplete)
        {
            throw new InvalidOperationException("A modal cannot answer a modal submit or an autocomplete.");
        }

        await gate.WaitAsync(cancellationToken);
        try
        {
            if (State != InteractionResponseState.None)
            {
                throw new InvalidOperationException("A modal must be the first response; this interaction was already acknowledged.");
            }

            var data = new InteractionCallbackData { CustomId = modal.CustomId, Title = modal.Title, Components = modal.Components };
            await SendInitialAsync(new InteractionCallback(InteractionCallbackType.Modal, data), InteractionResponseState.Responded, cancellationToken);
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Answers an autocomplete with at most 25 suggestions (extra ones are dropped).</summary>
    public async Task AutocompleteAsync(IEnumerable<ApplicationCommandOptionChoice> choices, CancellationToken cancellationToken)
    {
        if (Interaction.Type != InteractionType.ApplicationCommandAutocomplete)
        {
            throw new InvalidOperationException("Only autocomplete interactions take suggestions.");
        }

        await gate.WaitAsync(cancellationToken);
        try
        {
            if (State != InteractionResponseState.None)
            {
                return;
            }

            var data = new InteractionCallbackData { Choices = choices.Take(25).Select(Trim).ToList() };
            await SendInitialAsync(new InteractionCallback(InteractionCallbackType.ApplicationCommandAutocompleteResult, data), InteractionResponseState.Responded, cancellationToken);
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>
    /// Sends an additional message (after a "thinking…" defer it completes the defer instead); null when it could not
    /// be sent (an ephemeral past the token life, or an abandoned interaction).
    /// </summary>
    public async Task<DiscordMessage?> FollowUpAsync(InteractionReply reply, CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken);
        try
        {
            if (State == InteractionResponseState.None)
            {
                throw new InvalidOperationException("Respond or defer before sending follow-ups.");
            }

            if (State == InteractionResponseState.Deferred)
            {
                // A "thinking…" placeholder would otherwise spin until the token dies.
                return await RespondCoreAsync(reply, cancellationToken);
            }

            return State == InteractionResponseState.Abandoned ? null : await FollowUpCoreAsync(reply, cancellationToken);
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Edits the original response (e.g. a progress message); past the token life posts a new channel message.</summary>
    public async Task<DiscordMessage?> EditResponseAsync(InteractionReply reply, CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken);
        try
        {
            if (State is InteractionResponseState.None or InteractionResponseState.Abandoned)
            {
                throw new InvalidOperationException("There is no response to edit.");
            }

            return await EditOrPostAsync(reply, cancellationToken);
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Called by the dispatcher at the deadline: defers unless the handler already answered.</summary>
    internal async Task AutoAcknowledgeAsync(CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken);
        try
        {
            if (State != InteractionResponseState.None)
            {
                return;
            }

            LogAutoDefer(logger, Interaction.Id, Interaction.Type);
            if (Interaction.Type == InteractionType.ApplicationCommandAutocomplete)
            {
                // Autocomplete cannot be deferred: an empty list beats "loading options failed".
                await SendInitialAsync(new InteractionCallback(InteractionCallbackType.ApplicationCommandAutocompleteResult, new InteractionCallbackData { Choices = [] }), InteractionResponseState.Responded, cancellationToken);
                return;
            }

            await DeferCoreAsync(PreferEphemeral, defaultKind: true, cancellationToken);
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>
    /// At shutdown, for an interaction whose handler did not finish: tells the member to try again instead of leaving
    /// "thinking…" (or nothing) behind, then drops whatever the handler might still send.
    /// </summary>
    internal async Task AnswerRestartingAsync(string text, CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken);
        try
        {
            switch (State)
            {
                case InteractionResponseState.None when Interaction.Type == InteractionType.ApplicationCommandAutocomplete:
                    await SendInitialAsync(new InteractionCallback(InteractionCallbackType.ApplicationCommandAutocompleteResult, new InteractionCallbackData { Choices = [] }), InteractionResponseState.Responded, cancellationToken);
                    break;
                case InteractionResponseState.None:
                    await SendInitialAsync(
                        new InteractionCallback(InteractionCallbackType.ChannelMessageWithSource, InteractionCallbackData.FromMessage(InteractionReply.Text(text, ephemeral: true).ToMessage())),
                        InteractionResponseState.Responded,
                        cancellationToken);
                    break;
                case InteractionResponseState.Deferred when TokenValid:
                    await WithYoungTokenRetryAsync(() => rest.EditOriginalResponseAsync(Interaction.Token, InteractionReply.Text(text).ToMessage() with { Flags = null }, cancellationToken), cancellationToken);
                    break;
                default:
                    return;
            }

            LogRestartNotice(logger, Interaction.Id);
            State = InteractionResponseState.Abandoned;
        }
        finally
        {
            gate.Release();
        }
    }

    private async Task<DiscordMessage?> RespondCoreAsync(InteractionReply reply, CancellationToken cancellationToken)
    {
        DiscordMessage? message = null;
        switch (State)
        {
            case InteractionResponseState.None:
                await SendInitialAsync(
                    new InteractionCallback(InteractionCallbackType.ChannelMessageWithSource, InteractionCallbackData.FromMessage(reply.ToMessage())),
                    InteractionResponseState.Responded,
                    cancellationToken);
                break;
            case InteractionResponseState.Deferred when reply.Ephemeral == deferredEphemeral:
                message = await EditOrPostAsync(reply, cancellationToken);
                State = InteractionResponseState.Responded;
                break;
            case InteractionResponseState.Deferred:
                // Visibility is fixed by the defer; replace the placeholder with a message of the wanted kind.
                await DeleteOriginalQuietlyAsync(cancellationToken);
                message = await FollowUpCoreAsync(reply, cancellationToken);
                State = InteractionResponseState.Responded;
                break;
            case InteractionResponseState.DeferredUpdate:
            case InteractionResponseState.Responded:
                message = await FollowUpCoreAsync(reply, cancellationToken);
                State = InteractionResponseState.Responded;
                break;
            case InteractionResponseState.Abandoned:
                LogAbandonedReply(logger, Interaction.Id);
                break;
        }

        return message;
    }

    private async Task DeferCoreAsync(bool ephemeral, bool defaultKind, CancellationToken cancellationToken)
    {
        if (State != InteractionResponseState.None)
        {
            return;
        }

        if (Interaction.Type == InteractionType.ApplicationCommandAutocomplete)
        {
            throw new InvalidOperationException("Autocomplete cannot be deferred.");
        }

        if (Interaction.Type == InteractionType.MessageComponent && (defaultKind || !ephemeral))
        {
            await SendInitialAsync(new InteractionCallback(InteractionCallbackType.DeferredUpdateMessage), InteractionResponseState.DeferredUpdate, cancellationToken);
            return;
        }

        var data = ephemeral ? new InteractionCallbackData { Flags = MessageFlags.Ephemeral } : null;
        await SendInitialAsync(new InteractionCallback(InteractionCallbackType.DeferredChannelMessageWithSource, data), InteractionResponseState.Deferred, cancellationToken);
        deferredEphemeral = ephemeral;
    }

    private async Task SendInitialAsync(InteractionCallback callback, InteractionResponseState next, CancellationToken cancellationToken)
    {
        try
        {
            await initialResponder.SendAsync(Interaction, callback, cancellationToken);
            State = next;
        }
        catch (DiscordApiException ex) when (ex.Code is DiscordErrorCodes.UnknownInteraction or DiscordErrorCodes.InteractionAlreadyAcknowledged)
        {
            // Too late, or another instance answered: retrying cannot help and further calls would fail the same way.
            LogInitialRefused(logger, Interaction.Id, ex.Code.Value, ex.DiscordMessage ?? "");
            State = InteractionResponseState.Abandoned;
        }
        finally
        {
            acknowledged.TrySetResult();
        }
    }

    private async Task<DiscordMessage?> EditOrPostAsync(InteractionReply reply, CancellationToken cancellationToken)
    {
        if (!TokenValid)
        {
            return await PostToChannelAsync(reply, cancellationToken);
        }

        try
        {
            return await WithYoungTokenRetryAsync(() => rest.EditOriginalResponseAsync(Interaction.Token, reply.ToMessage() with { Flags = null }, cancellationToken), cancellationToken);
        }
        catch (DiscordApiException ex) when (IsDeadToken(ex))
        {
            // Discord's clock says the token is gone even though ours does not (skew, a late start), or it never came
            // to know it: the answer still counts.
            tokenDead = true;
            return await PostToChannelAsync(reply, cancellationToken);
        }
    }

    private async Task<DiscordMessage?> FollowUpCoreAsync(InteractionReply reply, CancellationToken cancellationToken)
    {
        if (!TokenValid)
        {
            return await PostToChannelAsync(reply, cancellationToken);
        }

        try
        {
            return await WithYoungTokenRetryAsync(() => rest.CreateFollowupMessageAsync(Interaction.Token, reply.ToMessage(), cancellationToken), cancellationToken);
        }
        catch (DiscordApiException ex) when (IsDeadToken(ex))
        {
            tokenDead = true;
            return await PostToChannelAsync(reply, cancellationToken);
        }
    }

    /// <summary>
    /// Discord's answers for a webhook (interaction) token it no longer honours. 10015 Unknown Webhook also comes back
    /// while Discord has not yet acted on the initial response, so it means "expired" only once the token is old, or
    /// once <see cref="WithYoungTokenRetryAsync"/> has run out of retries on it.
    /// </summary>
    private bool IsDeadToken(DiscordApiException ex) =>
        ex.Code == DiscordErrorCodes.InvalidWebhookToken || (ex.Code == DiscordErrorCodes.UnknownWebhook && (!TokenYoung || tokenDead));

    private async Task<T> WithYoungTokenRetryAsync<T>(Func<Task<T>> call, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return await call();
            }
            catch (DiscordApiException ex) when (ex.Code == DiscordErrorCodes.UnknownWebhook && TokenYoung)
            {
                if (attempt >= UnknownWebhookRetryDelays.Length)
                {
                    // Discord still does not know the token: it is not going to. Treat it as dead, so the caller
                    // takes the channel fallback instead of handing the error to the handler.
                    LogUnknownWebhookGaveUp(logger, Interaction.Id, attempt);
                    tokenDead = true;
                    throw;
                }

                LogUnknownWebhookRetry(logger, Interaction.Id, attempt + 1);
                await Task.Delay(UnknownWebhookRetryDelays[attempt], time, cancellationToken);
            }
        }
    }

    private async Task<DiscordMessage?> PostToChannelAsync(InteractionReply reply, CancellationToken cancellationToken)
    {
        if (reply.Ephemeral || Interaction.ChannelId is not { } channelId)
        {
            // An ephemeral answer posted publicly could leak what was meant for one member; drop it instead.
            LogExpiredDropped(logger, Interaction.Id);
            return null;
        }

        LogExpiredToChannel(logger, Interaction.Id, channelId);
        return await rest.CreateMessageAsync(channelId, reply.ToMessage() with { Flags = null }, cancellationToken);
    }

    private async Task DeleteOriginalQuietlyAsync(CancellationToken cancellationToken)
    {
        if (!TokenValid)
        {
            return;
        }

        try
        {
            await rest.DeleteOriginalResponseAsync(Interaction.Token, cancellationToken);
        }
        catch (DiscordApiException ex)
        {
            LogDeleteFailed(logger, Interaction.Id, ex.Message);
        }
    }

    private static ApplicationCommandOptionChoice Trim(ApplicationCommandOptionChoice choice) =>
        choice.Name.Length <= 100 ? choice : choice with { Name = string.Concat(choice.Name.AsSpan(0, 99), "…") };

    [LoggerMessage(Level = LogLevel.Information, Message = "Interaction {InteractionId} ({Type}) not answered in time; deferring")]
    private static partial void LogAutoDefer(ILogger logger, ulong interactionId, InteractionType type);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Discord refused the response to interaction {InteractionId}: {Code} {DiscordMessage}; not retrying")]
    private static partial void LogInitialRefused(ILogger logger, ulong interactionId, int code, string discordMessage);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Interaction {InteractionId} was abandoned; reply dropped")]
    private static partial void LogAbandonedReply(ILogger logger, ulong interactionId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Interaction {InteractionId}: token expired and the reply is ephemeral; dropped")]
    private static partial void LogExpiredDropped(ILogger logger, ulong interactionId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Interaction {InteractionId}: token expired; posting to channel {ChannelId} instead")]
    private static partial void LogExpiredToChannel(ILogger logger, ulong interactionId, ulong channelId);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Interaction {InteractionId}: Discord does not know the response yet (10015); retry {Attempt}")]
    private static partial void LogUnknownWebhookRetry(ILogger logger, ulong interactionId, int attempt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Interaction {InteractionId}: Discord still answers 10015 Unknown Webhook after {Retries} retries; treating the token as dead")]
    private static partial void LogUnknownWebhookGaveUp(ILogger logger, ulong interactionId, int retries);

    [LoggerMessage(Level = LogLevel.Information, Message = "Interaction {InteractionId}: handler unfinished at shutdown; the member was told the bot is restarting")]
    private static partial void LogRestartNotice(ILogger logger, ulong interactionId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Interaction {InteractionId}: could not delete the deferred message: {Reason}")]
    private static partial void LogDeleteFailed(ILogger logger, ulong interactionId, string reason);
}
