using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StudyBot.Discord.Rest;

namespace StudyBot.Discord.Interactions;

/// <summary>
/// Hands interactions to the app's <see cref="IInteractionHandler"/> and guarantees Discord an answer in time:
/// if the handler has not acknowledged by <see cref="DiscordOptions.AutoDeferAfter"/> (counted from when Discord
/// created the interaction, see <see cref="InteractionClock"/>) the dispatcher defers. <c>DispatchAsync</c> only starts
/// the handler and that deadline and returns, so dispatch workers never wait on a handler or an acknowledgement.
/// At most <see cref="DiscordOptions.MaxConcurrentHandlers"/> handlers run at once; an interaction waiting for a
/// slot is deferred on the same deadline, so waiting never costs Discord's 3 s limit. Interactions already past
/// that limit when they arrive (replayed after a resume) are dropped: Discord would refuse any answer.
/// On <see cref="StopAsync"/> running handlers get <see cref="DiscordOptions.ShutdownDrainTimeout"/> to finish; those
/// still waiting after that are cancelled and their members told that the bot is restarting.
/// Malformed payloads and failing handlers are logged and answered with an ephemeral error where possible.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Reliability", "CA1001", Justification = "The semaphore never allocates a wait handle and the lifetime source has no timer; there is nothing to dispose.")]
public sealed partial class InteractionDispatcher
{
    internal const string RestartingText = "The bot is restarting; please try again in a minute.";
    private const string FailureText = "Sorry, something went wrong while handling that. Please try again.";
    private const string UnreadableText = "Sorry, that request could not be read.";

    /// <summary>How long the restart notices may take once the drain time is over.</summary>
    private static readonly TimeSpan NoticeTimeout = TimeSpan.FromSeconds(5);

    private readonly IInteractionHandler handler;
    private readonly DiscordRestClient rest;
    private readonly IOptionsMonitor<DiscordOptions> options;
    private readonly TimeProvider time;
    private readonly ILogger<InteractionDispatcher> logger;
    private readonly RestInitialResponder restResponder;
    private readonly InteractionClock clock;

    /// <summary>Handler tasks with their interaction, and deadline tasks (no context).</summary>
    private readonly ConcurrentDictionary<Task, InteractionContext?> running = new();

    /// <summary>Cancelled when the drain time is over: handlers stop with the bot, not with whoever fed them.</summary>
    private readonly CancellationTokenSource lifetime = new();
    private readonly SemaphoreSlim handlerSlots;
    private readonly int maxHandlers;
    private volatile bool stopping;

    internal InteractionDispatcher(IInteractionHandler handler, DiscordRestClient rest, IOptionsMonitor<DiscordOptions> options, TimeProvider time, ILogger<InteractionDispatcher> logger)
    {
        this.handler = handler;
        this.rest = rest;
        this.options = options;
        this.time = time;
        this.logger = logger;
        restResponder = new RestInitialResponder(rest);
        clock = new InteractionClock(time);
        maxHandlers = options.CurrentValue.MaxConcurrentHandlers;
        handlerSlots = new SemaphoreSlim(maxHandlers, maxHandlers);
    }

    /// <summary>
    /// Starts handling a raw INTERACTION_CREATE payload from the gateway and returns without waiting for the handler
    /// or the acknowledgement; never throws for bad input. The token only bounds answering an unreadable payload:
    /// handlers run until they finish or the dispatcher stops.
    /// </summary>
    public Task DispatchAsync(JsonElement payload, DateTimeOffset receivedAt, CancellationToken cancellationToken) =>
        DispatchAsync(payload, receivedAt, restResponder, cancellationToken);

    /// <summary>Waits for every handler and automatic defer still running (for tests).</summary>
    public Task DrainAsync() => Task.WhenAll(running.Keys);

    /// <summary>
    /// For host shutdown: waits up to <paramref name="drainTimeout"/> for running handlers, then cancels the rest and
    /// answers their interactions that are still unanswered or "thinking…" with a short restart notice.
    /// </summary>
    public async Task StopAsync(TimeSpan drainTimeout, CancellationToken cancellationToken)
    {
        stopping = true;
        var handlers = running.Count(pair => pair.Value is not null);
        if (handlers > 0)
        {
            LogDraining(logger, handlers, drainTimeout.TotalSeconds);
            using var waitCts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var drained = Task.WhenAll(running.Keys);
            var first = await Task.WhenAny(drained, Task.Delay(drainTimeout, time, waitCts.Token));
            await waitCts.CancelAsync();
            if (first == drained)
            {
                await lifetime.CancelAsync();
                return;
            }
        }

        // Taken before cancelling: a cancelled handler leaves the running set at once, with its interaction unanswered.
        var unfinished = running.Values.OfType<InteractionContext>().ToList();
        await lifetime.CancelAsync();
        var pending = unfinished.Where(c => c.State is InteractionResponseState.None or InteractionResponseState.Deferred).ToList();
        if (pending.Count == 0)
        {
            return;
        }

        LogRestartNotices(logger, pending.Count);
        using var noticeCts = new CancellationTokenSource(NoticeTimeout, time);
        await Task.WhenAll(pending.Select(context => AnswerRestartingQuietlyAsync(context, noticeCts.Token)));
    }

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

    internal Task DispatchAsync(Interaction interaction, DateTimeOffset receivedAt, IInitialResponder responder, CancellationToken cancellationToken)
    {
        if (interaction.Type == InteractionType.Ping)
        {
            return Task.CompletedTask;
        }

        var createdAt = clock.StartOf(interaction.Id, receivedAt);
        var age = time.GetUtcNow() - createdAt;
        var untilDefer = options.CurrentValue.AutoDeferAfter - age;
        if (untilDefer <= TimeSpan.Zero)
        {
            // Probably replayed late: defer at once. It is not dropped, because the age rests on a clock estimate;
            // if Discord has given up on it, the defer meets 10062 and the handler's answers are not sent.
            LogOldOnArrival(logger, interaction.Id, interaction.Type, (long)age.TotalMilliseconds);
        }

        var context = new InteractionContext(interaction, createdAt, rest, responder, time, logger);
        if (stopping)
        {
            Track(AnswerRestartingQuietlyAsync(context, CancellationToken.None), context);
            return Task.CompletedTask;
        }

        var work = Task.Run(() => RunInSlotAsync(context, lifetime.Token), CancellationToken.None);
        Track(work, context);
        Track(AcknowledgeOnTimeAsync(context, work, untilDefer), null);
        return Task.CompletedTask;
    }

    /// <summary>The automatic defer: fires at the deadline unless the handler acknowledged (or finished) first.</summary>
    private async Task AcknowledgeOnTimeAsync(InteractionContext context, Task work, TimeSpan remaining)
    {
        using var deadlineCts = CancellationTokenSource.CreateLinkedTokenSource(lifetime.Token);
        var deadline = Task.Delay(remaining > TimeSpan.Zero ? remaining : TimeSpan.Zero, time, deadlineCts.Token);
        var first = await Task.WhenAny(context.Acknowledged, work, deadline);
        await deadlineCts.CancelAsync();
        if (first == deadline && !deadline.IsCanceled)
        {
            await AcknowledgeQuietlyAsync(context, lifetime.Token);
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
            // The automatic defer met 10062 (or 40060) while this one waited: any answer would be refused too.
            // An autocomplete that waited past the deadline was answered with an empty list; suggestions now would be dropped.
            if (context.State == InteractionResponseState.Abandoned
                || (context.Interaction.Type == InteractionType.ApplicationCommandAutocomplete && context.IsAcknowledged))
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
        catch (Exception ex) when (ex is DiscordApiException or HttpRequestException or OperationCanceledException)
        {
            LogAnswerFailed(logger, context.Interaction.Id, ex.Message);
        }
    }

    private async Task AnswerRestartingQuietlyAsync(InteractionContext context, CancellationToken cancellationToken)
    {
        try
        {
            await context.AnswerRestartingAsync(RestartingText, cancellationToken);
        }
        catch (Exception ex) when (ex is DiscordApiException or HttpRequestException or OperationCanceledException)
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
        catch (Exception ex) when (ex is DiscordApiException or HttpRequestException or OperationCanceledException or InvalidOperationException)
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
        catch (Exception ex) when (ex is DiscordApiException or HttpRequestException or OperationCanceledException)
        {
            LogAnswerFailed(logger, id, ex.Message);
        }
    }

    private void Track(Task work, InteractionContext? context)
    {
        running.TryAdd(work, context);
        _ = work.ContinueWith(t => running.TryRemove(t, out _), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "All {MaxHandlers} handler slots busy; interaction {InteractionId} waits (it is deferred on time meanwhile)")]
    private static partial void LogWaitingForSlot(ILogger logger, ulong interactionId, int maxHandlers);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Interaction {InteractionId} ({Type}) arrived about {AgeMs} ms after Discord created it; deferred at once")]
    private static partial void LogOldOnArrival(ILogger logger, ulong interactionId, InteractionType type, long ageMs);

    [LoggerMessage(Level = LogLevel.Information, Message = "Stopping: waiting up to {Seconds} s for {Count} running interaction handlers")]
    private static partial void LogDraining(ILogger logger, int count, double seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Stopping: {Count} interactions still unanswered after the drain time; telling their members the bot is restarting")]
    private static partial void LogRestartNotices(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Malformed interaction ignored: {Reason}")]
    private static partial void LogMalformed(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Interaction handler failed on {InteractionId} ({Type})")]
    private static partial void LogHandlerFailed(ILogger logger, Exception exception, ulong interactionId, InteractionType type);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Handler finished interaction {InteractionId} ({Type}) without answering it")]
    private static partial void LogNoResponse(ILogger logger, ulong interactionId, InteractionType type);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not answer interaction {InteractionId}: {Reason}")]
    private static partial void LogAnswerFailed(ILogger logger, ulong interactionId, string reason);
}
