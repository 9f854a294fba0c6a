using System.Collections.Concurrent;
using System.Net;
using Microsoft.Extensions.Logging;
using StudyBot.Core.Commands;
using StudyBot.Core.FineTune;
using StudyBot.Discord.Rest;

namespace StudyBot.DiscordBridge;

/// <summary>
/// Delivers the fine-tune worker's messages: the run's progress message (edited in place), results in a thread
/// under it, and notices in the channel. Discord failures become outcomes, never exceptions into the worker.
/// </summary>
public sealed partial class DiscordFineTuneNotifier(
    DiscordRestClient rest,
    TimeProvider time,
    ILogger<DiscordFineTuneNotifier> logger) : IFineTuneNotifier
{
    private const int OneDayArchive = 1440;
    private const int UnknownChannel = 10003;
    private const int UnknownMessage = 10008;
    private const int UnknownWebhook = 10015;
    private const int MissingAccess = 50001;
    private const int MissingPermissions = 50013;
    private const int RequestEntityTooLarge = 40005;

    /// <summary>The results thread of each run this process opened, so a second try posts in the same thread.</summary>
    private readonly ConcurrentDictionary<string, ulong> _threads = new(StringComparer.Ordinal);

    public async Task<FineTuneMessageRef> PostRunMessageAsync(FineTuneRun run, CommandResponse message, CancellationToken cancellationToken)
    {
        var posted = await rest.CreateMessageAsync(run.ChannelId, CommandResponseRenderer.Message(message), cancellationToken);
        return new FineTuneMessageRef(run.ChannelId, posted.Id, null, time.GetUtcNow());
    }

    public async Task<FineTuneEditOutcome> UpdateRunMessageAsync(FineTuneRun run, FineTuneMessageRef target, CommandResponse message, CancellationToken cancellationToken)
    {
        var body = CommandResponseRenderer.Edit(message);
        if (target.InteractionTokenUsable(time.GetUtcNow()))
        {
            try
            {
                var edited = await rest.EditOriginalResponseAsync(target.InteractionToken!, body, cancellationToken);
                return edited.Id == target.MessageId ? FineTuneEditOutcome.Edited : new FineTuneEditOutcome(FineTuneEditStatus.Edited, target with { MessageId = edited.Id });
            }
            catch (DiscordApiException ex) when (TokenDead(ex))
            {
                // The token stopped working early: from now on edit it as an ordinary bot message.
                LogTokenDead(logger, run.Id, ex.Message);
                var withoutToken = target with { InteractionToken = null };
                var outcome = await EditByIdAsync(run, withoutToken, body, cancellationToken);
                return outcome.Status == FineTuneEditStatus.Edited ? new FineTuneEditOutcome(FineTuneEditStatus.Edited, withoutToken) : outcome;
            }
            catch (DiscordApiException ex)
            {
                return Classify(run, ex);
            }
        }

        return await EditByIdAsync(run, target, body, cancellationToken);
    }

    /// <summary>Posts the results in a thread under the run's message; when the thread cannot take them (gone, no
    /// access) in the channel. Too large a post is thrown, so the caller can try again without the files.</summary>
    public async Task PostResultAsync(FineTuneRun run, CommandResponse message, CancellationToken cancellationToken)
    {
        var body = WithRequesterMention(run, message);
        if (await ResultThreadAsync(run, cancellationToken) is { } thread)
        {
            try
            {
                await rest.CreateMessageAsync(thread, body, cancellationToken);
                return;
            }
            catch (DiscordApiException ex) when (!TooLarge(ex))
            {
                LogThreadPostFailed(logger, run.Id, ex.Message);
            }
        }

        await rest.CreateMessageAsync(run.ChannelId, body, cancellationToken);
    }

    public async Task PostNoticeAsync(FineTuneRun run, CommandResponse message, CancellationToken cancellationToken) =>
        await rest.CreateMessageAsync(run.ChannelId, WithRequesterMention(run, message), cancellationToken);

    private async Task<FineTuneEditOutcome> EditByIdAsync(FineTuneRun run, FineTuneMessageRef target, MessageRequest body, CancellationToken cancellationToken)
    {
        if (target.MessageId is not { } messageId)
        {
            return FineTuneEditOutcome.Gone;
        }

        try
        {
            await rest.EditMessageAsync(target.ChannelId, messageId, body, cancellationToken);
            return FineTuneEditOutcome.Edited;
        }
        catch (DiscordApiException ex)
        {
            return Classify(run, ex);
        }
    }

    /// <summary>Deleted message or channel, or no access to it: stop editing rather than retrying for the whole
    /// run. Anything else (rate limits, server trouble) may pass; the next edit tries again.</summary>
    private FineTuneEditOutcome Classify(FineTuneRun run, DiscordApiException ex)
    {
        if (ex.Code is UnknownMessage or UnknownChannel or UnknownWebhook or MissingAccess or MissingPermissions
            || ex.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Forbidden or HttpStatusCode.Unauthorized)
        {
            LogNoLongerEditable(logger, run.Id, ex.Message);
            return FineTuneEditOutcome.Gone;
        }

        LogDeliveryFailed(logger, run.Id, ex.Message);
        return FineTuneEditOutcome.Failed;
    }

    /// <summary>An interaction token that no longer works (expired early, or the interaction is unknown).</summary>
    private static bool TokenDead(DiscordApiException ex) =>
        ex.Code is UnknownWebhook or DiscordErrorCodes.InvalidWebhookToken || ex.StatusCode == HttpStatusCode.Unauthorized;

    private static bool TooLarge(DiscordApiException ex) =>
        ex.StatusCode == HttpStatusCode.RequestEntityTooLarge || ex.Code == RequestEntityTooLarge;

    /// <summary>A thread started from the run's message, so results sit under the run; null when that fails.</summary>
    private async Task<ulong?> ResultThreadAsync(FineTuneRun run, CancellationToken cancellationToken)
    {
        if (_threads.TryGetValue(run.Id, out var known))
        {
            return known;
        }

        if (run.Message?.MessageId is not { } messageId || run.MessageGone)
        {
            return null;
        }

        try
        {
            var thread = await rest.StartThreadFromMessageAsync(run.ChannelId, messageId, new ThreadCreateRequest
            {
                Name = $"Fine-tune {run.Id} results",
                AutoArchiveDuration = OneDayArchive,
            }, cancellationToken);
            _threads[run.Id] = thread.Id;
            return thread.Id;
        }
        catch (DiscordApiException ex)
        {
            LogThreadFailed(logger, run.Id, ex.Message);
            return null;
        }
    }

    /// <summary>The requester is pinged (and only the requester), so a result reaches them in a busy channel.</summary>
    private static MessageRequest WithRequesterMention(FineTuneRun run, CommandResponse message) =>
        CommandResponseRenderer.Message(message) with { AllowedMentions = new AllowedMentions { Users = [run.Requester.UserId] } };

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not update the message of fine-tune {RunId}: {Reason}")]
    private static partial void LogDeliveryFailed(ILogger logger, string runId, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "The message of fine-tune {RunId} can no longer be edited: {Reason}")]
    private static partial void LogNoLongerEditable(ILogger logger, string runId, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "The interaction token of fine-tune {RunId} stopped working; editing its message by id: {Reason}")]
    private static partial void LogTokenDead(ILogger logger, string runId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not post the results of fine-tune {RunId} in its thread; posting in the channel: {Reason}")]
    private static partial void LogThreadPostFailed(ILogger logger, string runId, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Could not open a results thread for fine-tune {RunId}; posting in the channel: {Reason}")]
    private static partial void LogThreadFailed(ILogger logger, string runId, string reason);
}
