using System.Globalization;
using System.Text;
using Microsoft.Extensions.Logging;
using StudyBot.Core.Club;
using StudyBot.Core.Papers;
using StudyBot.Core.Rendering;
using StudyBot.Discord.Rest;

namespace StudyBot.DiscordBridge;

/// <summary>
/// Posts the club's events to its channel: the picked paper (and a Discord scheduled event kept in step),
/// reminders with RSVP buttons, and at the start the paper's notes and questions with a discussion thread.
/// The scheduled event is created at the pick, moved when the session moves, started at the start, completed at
/// the end and canceled when the session is skipped or dropped (Discord allows scheduled → active → completed and
/// scheduled → canceled). A Discord or network error about the event (say, no Manage Events permission) is logged, not thrown.
/// </summary>
public sealed partial class DiscordClubAnnouncer(
    DiscordRestClient rest,
    IPaperCatalog papers,
    ScheduledEventLinks links,
    ILogger<DiscordClubAnnouncer> logger) : IClubAnnouncer
{
    private const int ExternalEvent = 3;
    private const int GuildOnly = 2;
    private const int StatusScheduled = 1;
    private const int StatusActive = 2;
    private const int StatusCompleted = 3;
    private const int StatusCanceled = 4;
    private const int OneDayArchive = 1440;
    private const int MaxThreadName = 100;

    public async Task AnnouncePaperPickedAsync(ClubAnnouncement announcement, CancellationToken cancellationToken)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"📚 Next session {Timestamp(announcement.StartsAt, 'F')} ({Timestamp(announcement.StartsAt, 'R')}): ");
        text.Append(announcement.PaperTitle is null ? "no paper picked yet — the queue is empty. Add one with `/queue add`." : $"**{announcement.PaperTitle}**");
        if (announcement.PresenterId is { } presenter)
        {
            text.Append(CultureInfo.InvariantCulture, $"\nPresenter: <@{presenter}>");
        }

        // The message is recorded once posted, so a retry after a later failure does not post it again.
        var link = links.FindOrNew(announcement.GuildId, announcement.SessionId);
        if (link.PickMessageId is null)
        {
            var message = await rest.CreateMessageAsync(announcement.ChannelId, new MessageRequest
            {
                Content = text.ToString(),
                Embeds = PaperEmbed(announcement) is { } embed ? [embed] : null,
                Components = [RsvpRow(announcement)],
                AllowedMentions = AllowedMentions.None,
            }, cancellationToken);
            link.PickMessageId = message.Id;
            links.Save(link);
        }

        await KeepScheduledEventInStepAsync(announcement, active: false, cancellationToken);
    }

    public async Task AnnounceReminderAsync(ClubAnnouncement announcement, TimeSpan before, CancellationToken cancellationToken)
    {
        var paper = announcement.PaperTitle is null ? "" : $" on **{announcement.PaperTitle}**";
        var counts = announcement.Rsvps;
        await rest.CreateMessageAsync(announcement.ChannelId, new MessageRequest
        {
            Content = $"⏰ Reminder: the paper club meets {Timestamp(announcement.StartsAt, 'R')}{paper} ({Timestamp(announcement.StartsAt, 'F')}).\n" +
                      $"RSVPs so far: {counts.Going} going, {counts.Maybe} maybe, {counts.NotGoing} not going.",
            Components = [RsvpRow(announcement)],
            AllowedMentions = AllowedMentions.None,
        }, cancellationToken);
    }

    public async Task AnnounceSessionStartingAsync(ClubAnnouncement announcement, CancellationToken cancellationToken)
    {
        var note = announcement.PaperKey is null ? null : papers.Find(announcement.PaperKey);
        var title = announcement.PaperTitle ?? note?.Title ?? "open discussion";

        // Each step is recorded as it completes, so a retry after a failure part-way repeats none of them.
        var link = links.FindOrNew(announcement.GuildId, announcement.SessionId);
        if (link.OpeningMessageId is null)
        {
            var opening = await rest.CreateMessageAsync(announcement.ChannelId, new MessageRequest
            {
                Content = $"🎬 The paper club starts now: **{title}**. Discussion in the thread below.",
                Embeds = PaperEmbed(announcement) is { } embed ? [embed] : null,
                AllowedMentions = AllowedMentions.None,
            }, cancellationToken);
            link.OpeningMessageId = opening.Id;
            links.Save(link);
        }

        if (link.ThreadId is null)
        {
            try
            {
                var thread = await rest.StartThreadFromMessageAsync(announcement.ChannelId, link.OpeningMessageId.Value, new ThreadCreateRequest
                {
                    Name = Truncate($"Discussion: {title}", MaxThreadName),
                    AutoArchiveDuration = OneDayArchive,
                }, cancellationToken);
                link.ThreadId = thread.Id;
            }
            catch (DiscordApiException ex) when (IsPermissionError(ex))
            {
                // No thread (the bot lacks Create Public Threads or cannot see the channel): the notes go to the channel
                // instead. Any other failure (a 5xx, a rate limit) is thrown, so a retry tries the thread again.
                LogThreadFailed(logger, announcement.SessionId, ex.Message);
                link.ThreadId = announcement.ChannelId;
            }

            links.Save(link);
        }

        if (note is not null)
        {
            // Each chunk is counted once posted, so a retry after a failure part-way posts only the rest.
            foreach (var chunk in PaperCardRenderer.RenderSection(note, "Summary").Concat(PaperCardRenderer.RenderQuestions(note)).Skip(link.NotesChunksPosted))
            {
                await rest.CreateMessageAsync(link.ThreadId.Value, new MessageRequest { Content = chunk, AllowedMentions = AllowedMentions.None }, cancellationToken);
                link.NotesChunksPosted++;
                links.Save(link);
            }
        }

        await KeepScheduledEventInStepAsync(announcement, active: true, cancellationToken);
    }

    public Task SessionRescheduledAsync(ClubAnnouncement announcement, CancellationToken cancellationToken) =>
        UpdateLinkedEventAsync(announcement, async (link, eventId) =>
        {
            if (link.ScheduledEventStatus is 0 or StatusScheduled)
            {
                await ModifyAsync(link, eventId, EventRequest(announcement, active: false), cancellationToken);
            }
        }, cancellationToken);

    public Task SessionCanceledAsync(ClubAnnouncement announcement, CancellationToken cancellationToken) =>
        UpdateLinkedEventAsync(announcement, async (link, eventId) =>
        {
            // An event already under way cannot be canceled (Discord allows that only from scheduled).
            if (link.ScheduledEventStatus is 0 or StatusScheduled)
            {
                await ModifyAsync(link, eventId, new GuildScheduledEventRequest { Status = StatusCanceled }, cancellationToken);
            }
        }, cancellationToken);

    public Task SessionEndedAsync(ClubAnnouncement announcement, CancellationToken cancellationToken) =>
        UpdateLinkedEventAsync(announcement, async (link, eventId) =>
        {
            if (link.ScheduledEventStatus is StatusCompleted or StatusCanceled)
            {
                return;
            }

            // Completed is reachable only from active: an event whose start was never posted is started first.
            if (link.ScheduledEventStatus != StatusActive)
            {
                await ModifyAsync(link, eventId, new GuildScheduledEventRequest { Status = StatusActive }, cancellationToken);
            }

            await ModifyAsync(link, eventId, new GuildScheduledEventRequest { Status = StatusCompleted }, cancellationToken);
        }, cancellationToken);

    private Task KeepScheduledEventInStepAsync(ClubAnnouncement announcement, bool active, CancellationToken cancellationToken) =>
        GuardScheduledEventAsync(announcement, async link =>
        {
            if (link.ScheduledEventId is not { } eventId || link.ScheduledEventStatus is StatusCompleted or StatusCanceled)
            {
                // None yet, or only one that is over (a session skipped, then set up again): a new one at the pick.
                if (!active)
                {
                    var created = await rest.CreateGuildScheduledEventAsync(announcement.GuildId, EventRequest(announcement, active: false), cancellationToken);
                    link.ScheduledEventId = created.Id;
                    link.ScheduledEventStatus = created.Status;
                    links.Save(link);
                }

                return;
            }

            if (link.ScheduledEventStatus != StatusActive)
            {
                await ModifyAsync(link, eventId, EventRequest(announcement, active), cancellationToken);
            }
        }, cancellationToken);

    /// <summary>Runs <paramref name="update"/> on the session's scheduled event; a session that never got one (no
    /// pick was announced) has nothing to update.</summary>
    private Task UpdateLinkedEventAsync(ClubAnnouncement announcement, Func<ScheduledEventLinks.SessionLink, ulong, Task> update, CancellationToken cancellationToken) =>
        GuardScheduledEventAsync(announcement, link => link.ScheduledEventId is { } eventId ? update(link, eventId) : Task.CompletedTask, cancellationToken);

    private async Task GuardScheduledEventAsync(ClubAnnouncement announcement, Func<ScheduledEventLinks.SessionLink, Task> action, CancellationToken cancellationToken)
    {
        var link = links.FindOrNew(announcement.GuildId, announcement.SessionId);
        try
        {
            await action(link);
        }
        catch (Exception ex) when (ex is DiscordApiException or HttpRequestException
                                   || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            // A Discord error, a network failure or an HttpClient timeout (not the caller's cancellation).
            // Only the scheduled event failed (say, no Manage Events permission): the channel posts and the stored
            // club data stand, and the post is not repeated.
            LogScheduledEventFailed(logger, announcement.SessionId, ex.Message);
        }
    }

    private async Task ModifyAsync(ScheduledEventLinks.SessionLink link, ulong eventId, GuildScheduledEventRequest changes, CancellationToken cancellationToken)
    {
        var modified = await rest.ModifyGuildScheduledEventAsync(link.GuildId, eventId, changes, cancellationToken);
        link.ScheduledEventStatus = modified.Status;
        links.Save(link);
    }

    private static GuildScheduledEventRequest EventRequest(ClubAnnouncement announcement, bool active) => new()
    {
        Name = Truncate($"Paper club: {announcement.PaperTitle ?? "to be picked"}", 100),
        Description = Truncate($"Weekly paper club in <#{announcement.ChannelId}>.", 1000),
        EntityType = ExternalEvent,
        PrivacyLevel = GuildOnly,
        EntityMetadata = new ScheduledEventMetadata($"#paper-club (Discord channel {announcement.ChannelId})"),
        ScheduledStartTime = active ? null : announcement.StartsAt,
        ScheduledEndTime = announcement.EndsAt,
        Status = active ? StatusActive : null,
    };

    private Embed? PaperEmbed(ClubAnnouncement announcement)
    {
        if (announcement.PaperKey is null || papers.Find(announcement.PaperKey) is not { } note)
        {
            return null;
        }

        var card = PaperCardRenderer.RenderCard(note);
        return new Embed
        {
            Title = card.Title,
            Url = card.Url,
            Description = card.Description,
            Fields = card.Fields.Select(f => new EmbedField(f.Name, f.Value, f.Inline ? true : null)).ToList(),
        };
    }

    private static MessageComponent RsvpRow(ClubAnnouncement announcement) => MessageComponent.ActionRow(
        MessageComponent.Button(announcement.RsvpCustomIds[0], "Going", ButtonStyle.Success),
        MessageComponent.Button(announcement.RsvpCustomIds[1], "Maybe", ButtonStyle.Secondary),
        MessageComponent.Button(announcement.RsvpCustomIds[2], "Not going", ButtonStyle.Danger));

    private static string Timestamp(DateTimeOffset at, char style) =>
        string.Create(CultureInfo.InvariantCulture, $"<t:{at.ToUnixTimeSeconds()}:{style}>");

    /// <summary>403, Missing Permissions (50013) or Missing Access (50001).</summary>
    private static bool IsPermissionError(DiscordApiException ex) =>
        ex.StatusCode == System.Net.HttpStatusCode.Forbidden || ex.Code is 50013 or 50001;

    private static string Truncate(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not open the discussion thread of session {SessionId} ({Reason}); its notes go to the channel")]
    private static partial void LogThreadFailed(ILogger logger, string sessionId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not update the scheduled event of session {SessionId}: {Reason}")]
    private static partial void LogScheduledEventFailed(ILogger logger, string sessionId, string reason);
}
