using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StudyBot.Discord.Rest;

namespace StudyBot.Discord.Interactions;

/// <summary>
/// Hands interactions to the app's <see cref="IInteractionHandler"/> and guarantees Discord an answer in time:
/// if the handler has not acknowledged by <see cref="DiscordOptions.AutoDeferAfter"/> (counted from receipt) the
/// dispatcher defers. <c>DispatchAsync</c> returns once the interaction is acknowledged; the rest of a slow handler
/// keeps running in the background (tracked, awaited on <see cref="DrainAsync"/>), so dispatch workers stay free.
/// At most <see cref="DiscordOptions.MaxConcurrentHandlers"/> handlers run at once; an interaction waiting for a
/// slot is deferred on the same receipt-based deadline, so waiting never costs Discord's 3 s limit.
/// Malformed payloads and failing handlers are logged and answered with an ephemeral error where possible.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Reliability", "CA1001", Justification = "The semaphore never allocates a wait handle (no AvailableWaitHandle), so there is nothing to dispose.")]
public sealed partial class InteractionDispatcher
{
    private const string FailureText = "Sorry, something went wrong while handling that. Please try again.";
    private const string UnreadableText = "Sorry, that request could not be read.";

    private readonly IInteractionHandler handler;
    private readonly DiscordRestClient rest;
    private readonly IOptionsMonitor<DiscordOptions> options;
    private readonly TimeProvider time;
    private readonly ILogger<InteractionDispatcher> logger;
    private readonly RestInitialResponder restResponder;
    private readonly ConcurrentDictionary<Task, byte> running = new();
    private readonly SemaphoreSlim handlerSlots;
    private readonly int maxHandlers;

    internal InteractionDispatcher(IInteractionHandler handler, DiscordRestClient rest, IOptionsMonitor<DiscordOptions> options, TimeProvider time, ILogger<InteractionDispatcher> logger)
    {
        this.handler = handler;
        this.rest = rest;
        this.options = options;
        this.time = time;
        this.logger = logger;
        restResponder = new RestInitialResponder(rest);
        maxHandlers = options.CurrentValue.MaxConcurrentHandlers;
        handlerSlots = new SemaphoreSlim(maxHandlers, maxHandlers);
    }

    /// <summary>Handles a raw INTERACTION_CREATE payload from the gateway; never throws for bad input.</summary>
    public Task DispatchAsync(JsonElement payload, DateTimeOffset receivedAt, CancellationToken cancellationToken) =>
        DispatchAsync(payload, receivedAt, restResponder, cancellationToken);

    /// <summary>Waits for handlers still running after their acknowledgement (for shutdown and tests).</summary>
    public Task DrainAsync() => Task.WhenAll(running.Keys);

    internal async Task DispatchAsync(JsonElement payload, DateTimeOffset receivedAt, IInitialResponder responder, CancellationToken cancellationToken)
    {
        Interaction interaction;
        try
        {
            interaction = InteractionParser.Parse(payload);
        }
        catch (InteractionFormatException ex)
        {
            LogMalformed(logger, ex.Message);
            await AnswerUnreadableAsync(payload, responder, cancellationToken);
            return;
        }

        await DispatchAsync(interaction, receivedAt, responder, cancellationToken);
    }

    internal async Task DispatchAsync(Interaction interaction, DateTimeOffset receivedAt, IInitialResponder responder, CancellationToken cancellationToken)
    {
        if (interaction.Type == InteractionType.Ping)
        {
            return;
        }

        var context = new InteractionContext(interaction, receivedAt, rest, responder, time, logger);
        // The deadline below counts from receipt, so an interaction still waiting for a handler slot is deferred too.
        var work = Task.Run(() => RunInSlotAsync(context, cancellationToken), CancellationToken.None);
        Track(work);

        var remaining = options.CurrentValue.AutoDeferAfter - (time.GetUtcNow() - receivedAt);
        using var deadlineCts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var deadline = Task.Delay(remaining > TimeSpan.Zero ? remaining : TimeSpan.Zero, time, deadlineCts.Token);
        var first = await Task.WhenAny(context.Acknowledged, work, deadline);
        await deadlineCts.CancelAsync();
        if (first == deadline && !deadline.IsCanceled)
        {
            await AcknowledgeQuietlyAsync(context, cancellationToken);
        }
    }

    private async Task RunInSlotAsync(InteractionContext context, CancellationToken cancellationToken)
    {
        try
        {
            if (!await handlerSlots.WaitAsync(TimeSpan.Zero, cancellationToken))
            {
                LogWaitingForSlot(logger, context.Interaction.Id, maxHandlers);
                await handlerSlots.WaitAsync(cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return;
        }

        try
        {
            // An autocomplete that waited past the deadline was answered with an empty list; suggestions now would be dropped.
            if (context.Interaction.Type == InteractionType.ApplicationCommandAutocomplete && context.IsAcknowledged)
            {
                return;
            }

            await RunHandlerAsync(context, cancellationToken);
        }
        finally
        {
            handlerSlots.Release();
        }
    }

    private async Task RunHandlerAsync(InteractionContext context, CancellationToken cancellationToken)
    {
        var interaction = context.Interaction;
        try
        {
            await handler.HandleAsync(context, cancellationToken);
        }
        catch (InteractionOptionException ex)
        {
            await ReplyQuietlyAsync(context, ex.Message, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return;
        }
        catch (Exception ex)
        {
            LogHandlerFailed(logger, ex, interaction.Id, interaction.Type);
            await ReplyQuietlyAsync(context, FailureText, cancellationToken);
            return;
        }

        if (context.State == InteractionResponseState.None)
        {
            // The handler forgot to answer; acknowledge so the member does not see "did not respond".
            LogNoResponse(logger, interaction.Id, interaction.Type);
            await AcknowledgeQuietlyAsync(context, cancellationToken);
        }

        if (context.State == InteractionResponseState.Deferred)
        {
            LogNoResponse(logger, interaction.Id, interaction.Type);
            await ReplyQuietlyAsync(context, "Done.", cancellationToken);
        }
    }

    private async Task AcknowledgeQuietlyAsync(InteractionContext context, CancellationToken cancellationToken)
    {
        try
        {
            await context.AutoAcknowledgeAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is DiscordApiException or HttpRequestException or TaskCanceledException)
        {
            LogAnswerFailed(logger, context.Interaction.Id, ex.Message);
        }
    }

    private async Task ReplyQuietlyAsync(InteractionContext context, string text, CancellationToken cancellationToken)
    {
        try
        {
            if (context.Interaction.Type == InteractionType.ApplicationCommandAutocomplete)
            {
                await context.AutocompleteAsync([], cancellationToken);
                return;
            }

            await context.RespondAsync(InteractionReply.Text(text, ephemeral: true), cancellationToken);
        }
        catch (Exception ex) when (ex is DiscordApiException or HttpRequestException or TaskCanceledException or InvalidOperationException)
        {
            LogAnswerFailed(logger, context.Interaction.Id, ex.Message);
        }
    }

    private async Task AnswerUnreadableAsync(JsonElement payload, IInitialResponder responder, CancellationToken cancellationToken)
    {
        // Answer only when id and token are readable; everything else about the payload may be broken.
        if (payload.ValueKind != JsonValueKind.Object
            || !payload.TryGetProperty("id", out var idElement) || idElement.ValueKind != JsonValueKind.String
            || !ulong.TryParse(idElement.GetString(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id)
            || !payload.TryGetProperty("token", out var tokenElement) || tokenElement.ValueKind != JsonValueKind.String
            || tokenElement.GetString() is not { Length: > 0 } token
            || (payload.TryGetProperty("type", out var typeElement) && typeElement.ValueKind == JsonValueKind.Number && typeElement.TryGetInt32(out var type) && type is 1 or 4))
        {
            return;
        }

        var stub = new Interaction { Id = id, ApplicationId = 0, Type = InteractionType.ApplicationCommand, Token = token, User = new DiscordUser() };
        var callback = new InteractionCallback(InteractionCallbackType.ChannelMessageWithSource, new InteractionCallbackData { Content = UnreadableText, Flags = MessageFlags.Ephemeral });
        try
        {
            await responder.SendAsync(stub, callback, cancellationToken);
        }
        catch (Exception ex) when (ex is DiscordApiException or HttpRequestException or TaskCanceledException)
        {
            LogAnswerFailed(logger, id, ex.Message);
        }
    }

    private void Track(Task work)
    {
        running.TryAdd(work, 0);
        _ = work.ContinueWith(t => running.TryRemove(t, out _), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "All {MaxHandlers} handler slots busy; interaction {InteractionId} waits (it is deferred on time meanwhile)")]
    private static partial void LogWaitingForSlot(ILogger logger, ulong interactionId, int maxHandlers);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Malformed interaction ignored: {Reason}")]
    private static partial void LogMalformed(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Interaction handler failed on {InteractionId} ({Type})")]
    private static partial void LogHandlerFailed(ILogger logger, Exception exception, ulong interactionId, InteractionType type);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Handler finished interaction {InteractionId} ({Type}) without answering it")]
    private static partial void LogNoResponse(ILogger logger, ulong interactionId, InteractionType type);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not answer interaction {InteractionId}: {Reason}")]
    private static partial void LogAnswerFailed(ILogger logger, ulong interactionId, string reason);
}
