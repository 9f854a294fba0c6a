using StudyBot.Core.Club;
using StudyBot.Core.Members;
using StudyBot.Core.Queue;

namespace StudyBot.Core.Commands.Handlers;

/// <summary>/club: schedule, next session, skip, RSVP, presenters, history.</summary>
public sealed class ClubCommandHandler(ClubService club, IReadingQueueRepository queue) : ICommandHandler
{
    private const int ClubColor = 0x57F287;
    private static readonly string[] Weekdays = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];

    public CommandDeclaration Declaration { get; } = ClubCommandDeclaration.Create();

    public async Task<CommandResponse> HandleAsync(CommandRequest request, CancellationToken cancellationToken)
    {
        var guildId = request.RequireGuild();
        var member = request.Member.ToClubMember();
        switch (request.Subcommand)
        {
            case "setup":
                var input = new ClubScheduleInput(
                    request.GetSnowflake("channel"),
                    request.GetString("weekday"),
                    request.GetString("time"),
                    request.GetString("timezone"),
                    (int?)request.GetOptionalInt64("duration"),
                    request.GetOptionalString("reminders"),
                    (int?)request.GetOptionalInt64("pick_days"));
                var schedule = await club.SetupAsync(guildId, member, input, cancellationToken);
                var next = await club.NextAsync(guildId, cancellationToken);
                var reminders = schedule.ReminderOffsets.Count == 0 ? "no reminders" : "reminders " + string.Join(", ", schedule.ReminderOffsets.Select(Offset)) + " before";
                return CommandResponse.Text(
                    $"The paper club meets every **{schedule.Day}** at **{schedule.LocalTime:HH\\:mm}** ({schedule.TimeZoneId}) for {(int)schedule.Duration.TotalMinutes} minutes in <#{schedule.ChannelId}>; " +
                    $"{reminders}; the paper is picked {Offset(schedule.PickLead)} before. Next session: {SessionRendering.When(next.Session.StartsAt)}.");
            case "next":
                return await NextAsync(guildId, cancellationToken);
            case "skip":
                return CommandResponse.Text(SkipReply(await club.SkipAsync(guildId, member, cancellationToken)));
            case "rsvp":
                if (!RsvpCustomId.TryParseAnswer(request.GetString("answer"), out var answer))
                {
                    throw new CommandInputException("Answer going, maybe or not-going.");
                }

                var session = await club.RsvpAsync(guildId, member, null, answer, cancellationToken);
                return CommandResponse.Text($"Noted: **{RsvpCustomId.Name(answer)}** for {SessionRendering.When(session.StartsAt)} ({SessionRendering.Counts(session.Counts)}).", ephemeral: true);
            case "presenter signup":
                await club.SignUpPresenterAsync(guildId, member, cancellationToken);
                return CommandResponse.Text("You're on the presenter rotation. Thank you! `/club presenter list` shows when it's your turn.", ephemeral: true);
            case "presenter leave":
                await club.LeavePresenterAsync(guildId, member, cancellationToken);
                return CommandResponse.Text("You left the presenter rotation.", ephemeral: true);
            case "presenter list":
                var rota = await club.PresentersAsync(guildId, cancellationToken);
                return rota.Count == 0
                    ? CommandResponse.Text("Nobody has signed up to present yet. `/club presenter signup` to volunteer.")
                    : new CommandResponse
                    {
                        Embeds = [new ResponseEmbed(
                            Title: "Presenter rotation",
                            Description: TextLimits.JoinLines(rota.Select((v, i) => $"{i + 1}. {MemberMention.Of(v.MemberId)} — presented {v.TimesPresented}×").ToList(), CommandResponseLimits.MaxEmbedDescriptionLength),
                            Footer: "Whoever has presented least goes next.",
                            Color: ClubColor)],
                    };
            case "history":
                return await HistoryAsync(guildId, cancellationToken);
            default:
                throw new CommandInputException($"`/club {request.Subcommand}` is not a club command.");
        }
    }

    public Task<IReadOnlyList<CommandChoice>> AutocompleteAsync(AutocompleteRequest request, CancellationToken cancellationToken)
    {
        var partial = request.PartialValue.Trim();
        IReadOnlyList<CommandChoice> choices = request.FocusedOption switch
        {
            "weekday" => Weekdays.Where(d => d.StartsWith(partial, StringComparison.OrdinalIgnoreCase)).Select(d => new CommandChoice(d, d)).ToList(),
            "timezone" => TimeZones(partial),
            _ => [],
        };
        return Task.FromResult(choices);
    }

    private static IReadOnlyList<CommandChoice> TimeZones(string partial) =>
        TimeZoneInfo.GetSystemTimeZones()
            .Select(z => TimeZoneInfo.TryConvertWindowsIdToIanaId(z.Id, out var iana) ? iana : z.Id)
            .Where(id => id.Contains('/', StringComparison.Ordinal) || id == "UTC")
            .Distinct(StringComparer.Ordinal)
            .Where(id => id.Contains(partial.Replace(' ', '_'), StringComparison.OrdinalIgnoreCase))
            .OrderBy(id => id.StartsWith(partial, StringComparison.OrdinalIgnoreCase) ? 0 : 1)
            .ThenBy(id => id, StringComparer.Ordinal)
            .Take(CommandResponseLimits.MaxChoices)
            .Select(id => new CommandChoice(id, id))
            .ToList();

    private static string SkipReply(SkippedSession skip)
    {
        var reply = $"The session on {SessionRendering.When(skip.Session.StartsAt)} is skipped.";
        return skip.PaperMovedTo is { } movedTo ? $"{reply} **{skip.Session.PaperTitle}** moves to the session on {SessionRendering.When(movedTo.StartsAt)}."
            : skip.PaperReturnedToQueue ? $"{reply} **{skip.Session.PaperTitle}** goes back to the top of the reading queue: every following session already has a paper."
            : reply;
    }

    private async Task<CommandResponse> NextAsync(ulong guildId, CancellationToken cancellationToken)
    {
        var view = await club.NextAsync(guildId, cancellationToken);
        var session = view.Session;
        var paper = (session.PaperKey, view.LikelyPaper, view.PickPassed) switch
        {
            ({ } key, _, _) => $"**{session.PaperTitle}** (`{key}`)",
            (null, { } likely, false) => $"not picked yet — the pick is {SessionRendering.Relative(view.PickAt)}; currently top of the queue: **{likely.Title}**",
            (null, null, false) => $"not picked yet — the queue is empty (`/queue add`); the pick is {SessionRendering.Relative(view.PickAt)}",
            (null, { } likely, true) => $"the queue was empty at the pick; **{likely.Title}** (top of the queue now) is taken at the next reminder",
            (null, null, true) => "the queue was empty at the pick — a paper added with `/queue add` is taken at the next reminder",
        };
        var presenter = session.PresenterId is { } id
            ? MemberMention.Of(id)
            : view.LikelyPresenter is { } likelyPresenter ? $"next in rotation: {MemberMention.Of(likelyPresenter)}" : "nobody on the rotation yet (`/club presenter signup`)";
        var embed = new ResponseEmbed(
            Title: "Next paper club session",
            Description: $"{SessionRendering.When(session.StartsAt)} ({SessionRendering.Relative(session.StartsAt)}) in <#{view.Schedule.ChannelId}>",
            Fields: [
                new EmbedField("Paper", TextLimits.Fit(paper, 1024)),
                new EmbedField("Presenter", presenter),
                new EmbedField("RSVPs", SessionRendering.Counts(session.Counts)),
            ],
            Footer: $"Every {view.Schedule.Day} at {view.Schedule.LocalTime:HH\\:mm} {view.Schedule.TimeZoneId}",
            Color: ClubColor);
        return new CommandResponse { Embeds = [embed], Components = [SessionRendering.RsvpButtons(session.SessionId)] };
    }

    private async Task<CommandResponse> HistoryAsync(ulong guildId, CancellationToken cancellationToken)
    {
        var sessions = await club.HistoryAsync(guildId, 20, cancellationToken);
        var discussed = await queue.ListHistoryAsync(guildId, 20, cancellationToken);
        if (sessions.Count == 0 && discussed.Count == 0)
        {
            return CommandResponse.Text("No sessions yet. `/club next` shows the first one.");
        }

        var lines = sessions.Select(s => s.Status == SessionStatus.Skipped
            ? $"• {SessionRendering.When(s.StartsAt)} — skipped"
            : $"• {SessionRendering.When(s.StartsAt)} — {(s.PaperTitle is null ? "no paper" : $"**{s.PaperTitle}**")}{(s.PresenterId is { } p ? $", presented by {MemberMention.Of(p)}" : string.Empty)} · {s.Attendees.Count} attended").ToList();
        var picked = discussed.Select(d => $"• **{d.Title}** — for the session on {SessionRendering.When(d.SessionStartsAt)} ({d.Votes} votes)").ToList();
        var fields = new List<EmbedField>();
        if (picked.Count > 0)
        {
            fields.Add(new EmbedField("Papers picked from the queue", TextLimits.JoinLines(picked, 1024)));
        }

        return new CommandResponse
        {
            Embeds = [new ResponseEmbed(
                Title: "Club history",
                Description: lines.Count == 0 ? "No sessions held yet." : TextLimits.JoinLines(lines, CommandResponseLimits.MaxEmbedDescriptionLength),
                Fields: fields,
                Color: ClubColor)],
        };
    }

    private static string Offset(TimeSpan offset) =>
        offset.TotalDays >= 1 && offset.TotalHours % 24 == 0 ? $"{(int)offset.TotalDays} d"
        : offset.TotalHours >= 1 && offset.TotalMinutes % 60 == 0 ? $"{(int)offset.TotalHours} h"
        : $"{(int)offset.TotalMinutes} min";
}
