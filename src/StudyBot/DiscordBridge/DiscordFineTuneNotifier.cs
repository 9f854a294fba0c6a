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

    public async Task<FineTuneMessageRef> PostRunMessageAsync(FineTuneRun run, CommandResponse message, CancellationToken cancellationToken)
    {
        var posted = await rest.CreateMessageAsync(run.ChannelId, CommandResponseRenderer.Message(message), cancellationToken);
        return new FineTuneMessageRef(run.ChannelId, posted.Id, null, time.GetUtcNow());
    }

    public async Task<FineTuneEditOutcome> UpdateRunMessageAsync(FineTuneRun run, FineTuneMessageRef target, CommandResponse message, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        try
        {
            if (target.InteractionTokenUsable(now))
            {
                var edited = await rest.EditOriginalResponseAsync(target.InteractionToken!, CommandResponseRenderer.Message(message), cancellationToken);
                return new FineTuneEditOutcome(FineTuneEditStatus.Edited, target with { MessageId = edited.Id });
            }

            if (target.MessageId is not { } messageId)
            {
                return new FineTuneEditOutcome(FineTuneEditStatus.Gone);
            }

            await rest.EditMessageAsync(target.ChannelId, messageId, CommandResponseRenderer.Message(message), cancellationToken);
            return new FineTuneEditOutcome(FineTuneEditStatus.Edited);
        }
        catch (DiscordApiException ex) when (ex.Code is UnknownMessage or UnknownChannel)
        {
            // Someone deleted the message (or channel): stop editing it rather than retrying forever.
            return new FineTuneEditOutcome(FineTuneEditStatus.Gone);
        }
        catch (DiscordApiException ex)
        {
            LogDeliveryFailed(logger, run.Id, ex.Message);
            return new FineTuneEditOutcome(FineTuneEditStatus.Failed);
        }
    }

    public async Task PostResultAsync(FineTuneRun run, CommandResponse message, CancellationToken cancellationToken)
    {
        var channel = await ResultThreadAsync(run, cancellationToken) ?? run.ChannelId;
        await rest.CreateMessageAsync(channel, WithRequesterMention(run, message), cancellationToken);
    }

    public async Task PostNoticeAsync(FineTuneRun run, CommandResponse message, CancellationToken cancellationToken) =>
        await rest.CreateMessageAsync(run.ChannelId, WithRequesterMention(run, message), cancellationToken);

    /// <summary>A thread started from the run's message, so results sit under the run; null when that fails.</summary>
    private async Task<ulong?> ResultThreadAsync(FineTuneRun run, CancellationToken cancellationToken)
    {
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

    [LoggerMessage(Level = LogLevel.Information, Message = "Could not open a results thread for fine-tune {RunId}; posting in the channel: {Reason}")]
    private static partial void LogThreadFailed(ILogger logger, string runId, string reason);
}
