using StudyBot.Core.Club;
using StudyBot.Core.Commands;
using StudyBot.Core.Members;

namespace StudyBot.Storage.Tests.Club;

/// <summary>
/// /club history after a session was really held: the paper picked from the queue, the presenter from the rotation,
/// RSVPs, and the attendance recorded when the end event fires, rendered from the database (also after a restart).
/// </summary>
public sealed class ClubHistoryTests : IDisposable
{
    private const string Lora = "LoRA: Low-Rank Adaptation of Large Language Models";
    private static readonly TimeSpan Grace = TimeSpan.FromMinutes(15);
    private static readonly ClubMember Carol = new(3, "carol", false);

    // Friday 2026-03-13 12:00 UTC: the 2026-03-19 session (19:00 Berlin = 18:00 UTC) is still ahead, its pick too.
    private readonly ClubFixture _f = new(new DateTimeOffset(2026, 3, 13, 12, 0, 0, TimeSpan.Zero));

    private static readonly DateTimeOffset HeldStart = new(2026, 3, 19, 18, 0, 0, TimeSpan.Zero);

    public void Dispose() => _f.Dispose();

    [Fact]
    public async Task History_shows_the_held_sessions_paper_date_presenter_and_attendance()
    {
        await HoldTheSessionOf19MarchAsync();

        var history = await HistoryAsync();

        Assert.False(history.Ephemeral);
        var embed = Assert.Single(history.Embeds);
        Assert.Equal("Club history", embed.Title);
        Assert.Equal(
            $"• <t:{HeldStart.ToUnixTimeSeconds()}:F> — **{Lora}**, presented by {MemberMention.Of(ClubFixture.Bob.UserId)} · 2 attended",
            embed.Description);
        var picked = Assert.Single(embed.Fields!, f => f.Name == "Papers picked from the queue").Value;
        Assert.StartsWith($"• **{Lora}** — for the session on <t:{HeldStart.ToUnixTimeSeconds()}:F>", picked, StringComparison.Ordinal);

        var held = Assert.Single(await _f.Club.HistoryAsync(ClubFixture.Guild, 10, default));
        Assert.Equal(SessionStatus.Held, held.Status);
        Assert.Equal([ClubFixture.Alice.UserId, ClubFixture.Bob.UserId], held.Attendees);
        Assert.Equal("2106.09685", held.PaperKey);
    }

    [Fact]
    public async Task History_survives_a_restart_and_lists_a_later_skipped_week_first()
    {
        await HoldTheSessionOf19MarchAsync();
        await _f.Club.SkipAsync(ClubFixture.Guild, ClubFixture.Admin, default);
        _f.Time.Set(new DateTimeOffset(2026, 3, 27, 9, 0, 0, TimeSpan.Zero));

        _f.Restart();
        var history = await HistoryAsync();

        var lines = Assert.Single(history.Embeds).Description!.Split('\n');
        Assert.Equal(
            [
                $"• <t:{HeldStart.AddDays(7).ToUnixTimeSeconds()}:F> — skipped",
                $"• <t:{HeldStart.ToUnixTimeSeconds()}:F> — **{Lora}**, presented by {MemberMention.Of(ClubFixture.Bob.UserId)} · 2 attended",
            ],
            lines);
    }

    [Fact]
    public async Task History_before_any_session_says_so()
    {
        await _f.SetUpBerlinThursdayAsync();

        var history = await HistoryAsync();

        Assert.Equal("No sessions yet. `/club next` shows the first one.", history.Content);
    }

    /// <summary>LoRA tops the queue, Bob is on the rotation; the pick takes both, four members answer the RSVP
    /// (two going), and the end event records who went.</summary>
    private async Task HoldTheSessionOf19MarchAsync()
    {
        await _f.SetUpBerlinThursdayAsync();
        await _f.QueueService.AddAsync(ClubFixture.Guild, ClubFixture.Alice, "gpt-2", default);
        await _f.QueueService.AddAsync(ClubFixture.Guild, ClubFixture.Alice, "lora", default);
        await _f.QueueService.VoteAsync(ClubFixture.Guild, Carol, "lora", default);
        await _f.Club.SignUpPresenterAsync(ClubFixture.Guild, ClubFixture.Bob, default);

        var plan = await _f.Planner.PlanAsync(ClubFixture.Guild, default);
        var pick = plan.Single(e => e.SessionId == "2026-03-19" && e.Kind == ClubEventKind.Pick);
        var end = plan.Single(e => e.SessionId == "2026-03-19" && e.Kind == ClubEventKind.End);
        _f.Time.Set(pick.DueAt);
        Assert.Equal(ClubEventOutcome.Sent, await _f.Events.FireAsync(pick, Grace, default));

        await _f.Club.RsvpAsync(ClubFixture.Guild, ClubFixture.Alice, null, RsvpAnswer.Going, default);
        await _f.Club.RsvpAsync(ClubFixture.Guild, ClubFixture.Bob, null, RsvpAnswer.Going, default);
        await _f.Club.RsvpAsync(ClubFixture.Guild, ClubFixture.Admin, null, RsvpAnswer.Maybe, default);
        await _f.Club.RsvpAsync(ClubFixture.Guild, Carol, null, RsvpAnswer.NotGoing, default);

        _f.Time.Set(end.DueAt);
        Assert.Equal(ClubEventOutcome.Sent, await _f.Events.FireAsync(end, Grace, default));
    }

    private Task<CommandResponse> HistoryAsync() =>
        _f.Router.HandleCommandAsync(ClubFixture.Command("club history", ClubFixture.Alice), default);
}
