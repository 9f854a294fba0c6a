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
/// </summary>
public sealed partial class DiscordClubAnnouncer(
    DiscordRestClient rest,
    IPaperCatalog papers,
    ScheduledEventLinks links,
    ILogger<DiscordClubAnnouncer> logger) : IClubAnnouncer
{
    private const int ExternalEvent = 3;
    private const int GuildOnly = 2;
    private const int StatusActive = 2;
    private const int OneDayArchive = 1440;

    public async Task AnnouncePaperPickedAsync(ClubAnnouncement announcement, CancellationToken cancellationToken)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"📚 Next session {Timestamp(announcement.StartsAt, 'F')} ({Timestamp(announcement.StartsAt, 'R')}): ");
        text.Append(announcement.PaperTitle is null ? "no paper picked yet — the queue is empty. Add one with `/queue add`." : $"**{announcement.PaperTitle}**");
        if (announcement.PresenterId is { } presenter)
        {
            text.Append(CultureInfo.InvariantCulture, $"\nPresenter: <@{presenter}>");
        }

        await rest.CreateMessageAsync(announcement.ChannelId, new MessageRequest
        {
            Content = text.ToString(),
            Embeds = PaperEmbed(announcement) is { } embed ? [embed] : null,
            Components = [RsvpRow(announcement)],
            AllowedMentions = AllowedMentions.None,
        }, cancellationToken);
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
        var opening = await rest.CreateMessageAsync(announcement.ChannelId, new MessageRequest
        {
            Content = $"🎬 The paper club starts now: **{title}**. Discussion in the thread below.",
            Embeds = PaperEmbed(announcement) is { } embed ? [embed] : null,
            AllowedMentions = AllowedMentions.None,
        }, cancellationToken);

        var link = links.Find(announcement.SessionId) ?? new ScheduledEventLinks.SessionLink { SessionId = announcement.SessionId, GuildId = announcement.GuildId };
        if (link.ThreadId is null)
        {
            var threadName = title.Length > 90 ? title[..90] : title;
            var thread = await rest.StartThreadFromMessageAsync(announcement.ChannelId, opening.Id, new ThreadCreateRequest
            {
                Name = $"Discussion: {threadName}",
                AutoArchiveDuration = OneDayArchive,
            }, cancellationToken);
            link.ThreadId = thread.Id;
            links.Save(link);
        }

        if (note is not null)
        {
            foreach (var chunk in PaperCardRenderer.RenderSection(note, "Summary").Concat(PaperCardRenderer.RenderQuestions(note)))
            {
                await rest.CreateMessageAsync(link.ThreadId!.Value, new MessageRequest { Content = chunk, AllowedMentions = AllowedMentions.None }, cancellationToken);
            }
        }

        await KeepScheduledEventInStepAsync(announcement, active: true, cancellationToken);
    }

    private async Task KeepScheduledEventInStepAsync(ClubAnnouncement announcement, bool active, CancellationToken cancellationToken)
    {
        var link = links.Find(announcement.SessionId) ?? new ScheduledEventLinks.SessionLink { SessionId = announcement.SessionId, GuildId = announcement.GuildId };
        var request = new GuildScheduledEventRequest
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
        try
        {
            if (link.ScheduledEventId is { } eventId)
            {
                await rest.ModifyGuildScheduledEventAsync(announcement.GuildId, eventId, request, cancellationToken);
            }
            else if (!active)
            {
                var created = await rest.CreateGuildScheduledEventAsync(announcement.GuildId, request, cancellationToken);
                link.ScheduledEventId = created.Id;
                links.Save(link);
            }
        }
        catch (DiscordApiException ex)
        {
            // The channel post already happened; a missing Manage Events permission must not undo it or repeat it.
            LogScheduledEventFailed(logger, announcement.SessionId, ex.Message);
        }
    }

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

    private static string Truncate(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not update the scheduled event of session {SessionId}: {Reason}")]
    private static partial void LogScheduledEventFailed(ILogger logger, string sessionId, string reason);
}
