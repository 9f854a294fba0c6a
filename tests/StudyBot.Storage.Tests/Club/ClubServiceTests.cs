using StudyBot.Core.Club;
using StudyBot.Core.Commands;

namespace StudyBot.Storage.Tests.Club;

public sealed class ClubServiceTests : IDisposable
{
    private readonly ClubFixture _f = new();

    public void Dispose() => _f.Dispose();

    private static (string, CommandOptionType, object)[] SetupOptions(string weekday = "thursday", string time = "19:00", string zone = "Europe/Berlin") =>
    [
        ("channel", CommandOptionType.Channel, ClubFixture.Channel),
        ("weekday", CommandOptionType.String, weekday),
        ("time", CommandOptionType.String, time),
        ("timezone", CommandOptionType.String, zone),
    ];

    [Fact]
    public async Task Admin_setup_stores_the_schedule_with_default_reminders_and_pick_point()
    {
        var response = await _f.Router.HandleCommandAsync(ClubFixture.Command("club setup", ClubFixture.Admin, SetupOptions()), default);

        Assert.False(response.Ephemeral);
        var schedule = await _f.Clubs.GetScheduleAsync(ClubFixture.Guild, default);
        Assert.Equal(DayOfWeek.Thursday, schedule!.Day);
        Assert.Equal([TimeSpan.FromHours(24), TimeSpan.FromHours(1)], schedule.ReminderOffsets);
        Assert.Equal(TimeSpan.FromDays(5), schedule.PickLead);
        Assert.Equal(ClubFixture.Guild, Assert.Single(_f.Listener.Changed));
        var next = await _f.Club.NextAsync(ClubFixture.Guild, default);
        Assert.Equal(new DateTimeOffset(2026, 3, 19, 18, 0, 0, TimeSpan.Zero), next.Session.StartsAt);
    }

    [Fact]
    public async Task Setting_up_again_without_duration_reminders_or_pick_day_keeps_the_clubs_values_and_says_so()
    {
        await _f.Router.HandleCommandAsync(
            ClubFixture.Command(
                "club setup",
                ClubFixture.Admin,
                [.. SetupOptions(), ("duration", CommandOptionType.Integer, 60L), ("reminders", CommandOptionType.String, "2d, 30m"), ("pick_days", CommandOptionType.Integer, 2L)]),
            default);

        var response = await _f.Router.HandleCommandAsync(ClubFixture.Command("club setup", ClubFixture.Admin, SetupOptions(time: "20:00")), default);

        Assert.False(response.Ephemeral, response.Content);
        var schedule = (await _f.Clubs.GetScheduleAsync(ClubFixture.Guild, default))!;
        Assert.Equal(new TimeOnly(20, 0), schedule.LocalTime);
        Assert.Equal(TimeSpan.FromMinutes(60), schedule.Duration);
        Assert.Equal([TimeSpan.FromDays(2), TimeSpan.FromMinutes(30)], schedule.ReminderOffsets);
        Assert.Equal(TimeSpan.FromDays(2), schedule.PickLead);
        Assert.Contains("at **20:00** (Europe/Berlin) for 60 minutes", response.Content, StringComparison.Ordinal);
        Assert.Contains("reminders 2 d, 30 min before; the paper is picked 2 d before", response.Content, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Options_given_again_replace_the_clubs_values_and_none_turns_reminders_off()
    {
        await _f.Club.SetupAsync(ClubFixture.Guild, ClubFixture.Admin, new ClubScheduleInput(ClubFixture.Channel, "thursday", "19:00", "Europe/Berlin", 60, "2d", 2), default);

        var schedule = await _f.Club.SetupAsync(ClubFixture.Guild, ClubFixture.Admin, new ClubScheduleInput(ClubFixture.Channel, "thursday", "19:00", "Europe/Berlin", 120, "none", 0), default);

        Assert.Equal((TimeSpan.FromMinutes(120), TimeSpan.Zero), (schedule.Duration, schedule.PickLead));
        Assert.Empty(schedule.ReminderOffsets);
    }

    [Theory]
    [InlineData("thursday", "19:00", "Europe/Berlln", "Europe/Berlin")]
    [InlineData("thursday", "25:99", "Europe/Berlin", "HH:MM")]
    [InlineData("thrusday", "19:00", "Europe/Berlin", "Thursday")]
    public async Task Bad_setup_input_gets_a_clear_message_and_changes_nothing(string weekday, string time, string zone, string hint)
    {
        await _f.Club.SetupAsync(ClubFixture.Guild, ClubFixture.Admin, new ClubScheduleInput(ClubFixture.Channel, "monday", "18:30", "UTC"), default);
        await _f.Club.RsvpAsync(ClubFixture.Guild, ClubFixture.Alice, null, RsvpAnswer.Going, default);
        var before = await _f.SnapshotAsync();

        var response = await _f.Router.HandleCommandAsync(ClubFixture.Command("club setup", ClubFixture.Admin, SetupOptions(weekday, time, zone)), default);

        Assert.True(response.Ephemeral);
        Assert.Contains(hint, response.Content, StringComparison.Ordinal);
        Assert.Equal(before, await _f.SnapshotAsync());
    }

    [Fact]
    public async Task Non_admin_cannot_change_the_schedule_and_nothing_changes()
    {
        await _f.SetUpBerlinThursdayAsync();
        var before = await _f.SnapshotAsync();

        var response = await _f.Router.HandleCommandAsync(ClubFixture.Command("club setup", ClubFixture.Alice, SetupOptions("friday")), default);

        Assert.True(response.Ephemeral);
        Assert.Contains("admins", response.Content, StringComparison.Ordinal);
        Assert.Equal(before, await _f.SnapshotAsync());
    }

    [Fact]
    public async Task Non_admin_cannot_skip_a_session()
    {
        await _f.SetUpBerlinThursdayAsync();
        var before = await _f.SnapshotAsync();

        var response = await _f.Router.HandleCommandAsync(ClubFixture.Command("club skip", ClubFixture.Bob), default);

        Assert.True(response.Ephemeral);
        Assert.Equal(before, await _f.SnapshotAsync());
    }

    [Fact]
    public async Task Skip_moves_the_next_session_a_week_and_tells_the_scheduler()
    {
        await _f.SetUpBerlinThursdayAsync();

        var response = await _f.Router.HandleCommandAsync(ClubFixture.Command("club skip", ClubFixture.Admin), default);

        Assert.False(response.Ephemeral);
        var next = await _f.Club.NextAsync(ClubFixture.Guild, default);
        Assert.Equal("2026-03-26", next.Session.SessionId);
        Assert.Equal(2, _f.Listener.Changed.Count);
        Assert.Equal(SessionStatus.Skipped, (await _f.Clubs.GetSessionAsync(ClubFixture.Guild, "2026-03-19", default))!.Status);
    }

    [Fact]
    public async Task Rsvp_buttons_record_answers_and_a_new_answer_replaces_the_old()
    {
        await _f.SetUpBerlinThursdayAsync();
        var next = await _f.Club.NextAsync(ClubFixture.Guild, default);
        var member = new CommandMember(ClubFixture.Alice.UserId, "alice", 0);

        await _f.Router.HandleComponentAsync(new ComponentRequest(member, ClubFixture.Guild, ClubFixture.Channel, 1, RsvpCustomId.For(next.Session.SessionId, RsvpAnswer.Going), []), default);
        var response = await _f.Router.HandleComponentAsync(new ComponentRequest(member, ClubFixture.Guild, ClubFixture.Channel, 1, RsvpCustomId.For(next.Session.SessionId, RsvpAnswer.Maybe), []), default);
        await _f.Club.RsvpAsync(ClubFixture.Guild, ClubFixture.Bob, null, RsvpAnswer.Going, default);

        Assert.True(response.Ephemeral);
        var session = await _f.Clubs.GetSessionAsync(ClubFixture.Guild, next.Session.SessionId, default);
        Assert.Equal(new RsvpCounts(1, 1, 0), session!.Counts);
        Assert.Equal(RsvpAnswer.Maybe, session.Rsvps[ClubFixture.Alice.UserId]);
    }

    [Fact]
    public async Task Rsvp_for_a_session_that_is_over_is_refused()
    {
        await _f.SetUpBerlinThursdayAsync();
        var next = await _f.Club.NextAsync(ClubFixture.Guild, default);
        _f.Time.Set(next.Session.EndsAt.AddMinutes(1));

        await Assert.ThrowsAsync<ClubRuleException>(() => _f.Club.RsvpAsync(ClubFixture.Guild, ClubFixture.Alice, next.Session.SessionId, RsvpAnswer.Going, default));
    }

    [Fact]
    public async Task Presenter_signup_twice_is_refused_and_leave_removes()
    {
        await _f.Router.HandleCommandAsync(ClubFixture.Command("club presenter signup", ClubFixture.Alice), default);
        var again = await _f.Router.HandleCommandAsync(ClubFixture.Command("club presenter signup", ClubFixture.Alice), default);
        await _f.Router.HandleCommandAsync(ClubFixture.Command("club presenter signup", ClubFixture.Bob), default);
        await _f.Router.HandleCommandAsync(ClubFixture.Command("club presenter leave", ClubFixture.Alice), default);

        Assert.Contains("already", again.Content, StringComparison.Ordinal);
        Assert.Equal(ClubFixture.Bob.UserId, Assert.Single(await _f.Club.PresentersAsync(ClubFixture.Guild, default)).MemberId);
    }

    [Fact]
    public async Task Changing_the_weekday_carries_a_picked_paper_to_the_new_next_session()
    {
        await _f.SetUpBerlinThursdayAsync();
        await _f.Clubs.SaveSessionAsync(ClubSession.Planned(ClubFixture.Guild, "2026-03-19", new(2026, 3, 19, 18, 0, 0, TimeSpan.Zero), new(2026, 3, 19, 19, 30, 0, TimeSpan.Zero)) with { PaperKey = "2106.09685", PaperTitle = "LoRA" }, default);

        await _f.Club.SetupAsync(ClubFixture.Guild, ClubFixture.Admin, new ClubScheduleInput(ClubFixture.Channel, "friday", "18:00", "Europe/Berlin"), default);

        Assert.Null(await _f.Clubs.GetSessionAsync(ClubFixture.Guild, "2026-03-19", default));
        var next = await _f.Club.NextAsync(ClubFixture.Guild, default);
        Assert.Equal("2026-03-20", next.Session.SessionId);
        Assert.Equal("2106.09685", next.Session.PaperKey);
    }

    [Fact]
    public async Task Schedule_rsvps_and_rota_survive_a_restart()
    {
        await _f.SetUpBerlinThursdayAsync();
        await _f.Club.RsvpAsync(ClubFixture.Guild, ClubFixture.Alice, null, RsvpAnswer.Going, default);
        await _f.Club.SignUpPresenterAsync(ClubFixture.Guild, ClubFixture.Bob, default);
        var before = await _f.SnapshotAsync();

        _f.Restart();

        Assert.Equal(before, await _f.SnapshotAsync());
        Assert.Single(await _f.Club.PresentersAsync(ClubFixture.Guild, default));
    }

    [Fact]
    public async Task Next_without_a_club_explains_how_to_set_one_up()
    {
        var response = await _f.Router.HandleCommandAsync(ClubFixture.Command("club next", ClubFixture.Alice), default);

        Assert.True(response.Ephemeral);
        Assert.Contains("/club setup", response.Content, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Next_shows_the_session_with_rsvp_buttons()
    {
        await _f.SetUpBerlinThursdayAsync();
        await _f.QueueService.AddAsync(ClubFixture.Guild, ClubFixture.Alice, "lora", default);

        var response = await _f.Router.HandleCommandAsync(ClubFixture.Command("club next", ClubFixture.Alice), default);

        var embed = Assert.Single(response.Embeds);
        Assert.Contains("LoRA", embed.Fields![0].Value, StringComparison.Ordinal);
        var buttons = Assert.Single(response.Components).Components.Cast<ButtonComponent>().Select(b => b.CustomId);
        Assert.Equal(["rsvp:2026-03-19:going", "rsvp:2026-03-19:maybe", "rsvp:2026-03-19:not-going"], buttons);
    }
}
