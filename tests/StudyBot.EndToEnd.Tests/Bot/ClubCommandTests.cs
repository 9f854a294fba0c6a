using System.Text.Json.Nodes;
using StudyBot.FakeDiscord.Model;
using StudyBot.Playground;

namespace StudyBot.EndToEnd.Tests.Bot;

/// <summary>/club and its RSVP buttons over the real gateway and REST. The playground bot starts with a weekly club
/// (18:00 Europe/Berlin, on <see cref="BotTestHost.QuietDemoClub"/>'s weekday); tests that need a particular schedule set it up themselves.</summary>
[Collection(BotCollection.Name)]
public sealed class ClubCommandTests(BotFixture fixture) : IClassFixture<BotFixture>
{
    private const ulong Ada = PlaygroundSeed.AdaId;
    private const ulong Grace = PlaygroundSeed.GraceId;

    private BotTestHost Host => fixture.Host;

    [Fact]
    public async Task Setup_is_refused_for_a_member_without_admin_rights()
    {
        var answer = await Host.AskAsync(Ada, "club setup", Setup("Friday", "19:00", "Europe/Berlin"));

        Assert.True(answer.IsEphemeral);
        Assert.StartsWith("⚠️", answer.Content);
        Assert.Contains("admins", answer.Content);
    }

    [Fact]
    public async Task Setup_by_an_admin_sets_the_schedule_and_next_shows_it_with_rsvp_buttons()
    {
        var setup = await Host.AskAsync(Grace, "club setup", Setup("Friday", "19:00", "Europe/Berlin"));

        Assert.False(setup.IsEphemeral);
        Assert.Contains("every **Friday** at **19:00** (Europe/Berlin)", setup.Content, StringComparison.Ordinal);
        Assert.Contains($"<#{PlaygroundSeed.PaperClubChannelId}>", setup.Content);

        var next = await Host.AskAsync(Ada, "club next");
        Assert.False(next.IsEphemeral);
        Assert.Equal("Next paper club session", next.EmbedTitle);
        Assert.Contains("Every Friday at 19:00 Europe/Berlin", next.AllText);
        var buttons = CustomIds(next.Message);
        Assert.Equal(3, buttons.Count);
        Assert.All(buttons, id => Assert.StartsWith("rsvp:", id));
    }

    [Fact]
    public async Task Setup_with_a_bad_time_zone_explains_what_is_expected_and_keeps_the_schedule()
    {
        await Host.AskAsync(Grace, "club setup", Setup("Friday", "19:00", "Europe/Berlin"));

        var bad = await Host.AskAsync(Grace, "club setup", Setup("Friday", "20:00", "Mars/Olympus_Mons"));

        Assert.True(bad.IsEphemeral);
        Assert.Contains("not a time zone I know", bad.Content);
        var next = await Host.AskAsync(Ada, "club next");
        Assert.Contains("Every Friday at 19:00 Europe/Berlin", next.AllText);
    }

    [Fact]
    public async Task Rsvp_command_records_the_answer_ephemerally()
    {
        var answer = await Host.AskAsync(Grace, "club rsvp", new Dictionary<string, object?> { ["answer"] = "going" });

        Assert.True(answer.IsEphemeral);
        Assert.Contains("Noted: **going**", answer.Content);
    }

    [Fact]
    public async Task Rsvp_buttons_record_the_clickers_answer_and_next_counts_it()
    {
        var next = await Host.AskAsync(Grace, "club next");
        var maybe = CustomIds(next.Message).Single(id => id.EndsWith(":maybe", StringComparison.Ordinal));

        var click = await Host.Fake.ClickButtonAsync(next.Message.Id, maybe, Ada);
        var ack = await BotTestHost.AnswerOfAsync(click);

        Assert.Equal(4, ack.Callback.Type);
        Assert.True(ack.IsEphemeral);
        Assert.Equal(Ada, ack.Message.InteractionUserId);
        Assert.Contains("Noted: **maybe**", ack.Content);
        Assert.Contains("1 maybe", ack.Content);

        var after = await Host.AskAsync(Grace, "club next");
        Assert.Contains("1 maybe", after.AllText);
    }

    [Fact]
    public async Task Presenter_signup_list_and_leave_round_trip()
    {
        var signup = await Host.AskAsync(Ada, "club presenter signup");
        Assert.True(signup.IsEphemeral);
        Assert.Contains("presenter rotation", signup.Content);

        var again = await Host.AskAsync(Ada, "club presenter signup");
        Assert.True(again.IsEphemeral);
        Assert.StartsWith("⚠️", again.Content);

        var list = await Host.AskAsync(Grace, "club presenter list");
        Assert.False(list.IsEphemeral);
        Assert.Equal("Presenter rotation", list.EmbedTitle);
        Assert.Contains($"<@{Ada}>", list.EmbedDescription);

        var leave = await Host.AskAsync(Ada, "club presenter leave");
        Assert.True(leave.IsEphemeral);
        Assert.Contains("You left the presenter rotation", leave.Content);
    }

    [Fact]
    public async Task Skip_is_refused_for_a_member_and_skips_the_next_session_for_an_admin()
    {
        var refused = await Host.AskAsync(Ada, "club skip");
        Assert.True(refused.IsEphemeral);
        Assert.StartsWith("⚠️", refused.Content);

        var before = await Host.AskAsync(Grace, "club next");
        var skipped = await Host.AskAsync(Grace, "club skip");
        Assert.False(skipped.IsEphemeral);
        Assert.Contains("is skipped", skipped.Content);

        var after = await Host.AskAsync(Grace, "club next");
        Assert.NotEqual(Description(before), Description(after));
    }

    [Fact]
    public async Task History_answers_publicly_even_before_any_session_was_held()
    {
        var history = await Host.AskAsync(Ada, "club history");

        Assert.False(history.IsEphemeral);
        Assert.True(history.Content.Contains("No sessions yet", StringComparison.Ordinal) || history.EmbedTitle == "Club history", history.AllText);
    }

    private static Dictionary<string, object?> Setup(string weekday, string time, string zone) => new()
    {
        ["channel"] = PlaygroundSeed.PaperClubChannelId,
        ["weekday"] = weekday,
        ["time"] = time,
        ["timezone"] = zone,
    };

    private static string Description(BotTestHost.Answer answer) => answer.EmbedDescription;

    public static IReadOnlyList<string> CustomIds(FakeMessage message) =>
        [.. message.Components.OfType<JsonObject>()
            .SelectMany(row => row["components"] as JsonArray ?? [])
            .OfType<JsonObject>()
            .Select(c => c["custom_id"]?.GetValue<string>())
            .OfType<string>()];
}
