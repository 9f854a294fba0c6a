using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using StudyBot.Core.Club;
using StudyBot.Core.Papers;
using StudyBot.Core.Rendering;
using StudyBot.Discord.Rest;
using StudyBot.FakeDiscord.Model;
using StudyBot.Playground;

namespace StudyBot.EndToEnd.Tests.Bot;

/// <summary>
/// The club scheduler firing for real inside the bot host. The bot's clock (which Quartz reads from the container) is
/// moved so that a club event is due seconds after setup; timers still run in real time, so what is tested is the
/// real trigger → job → announcer → REST path.
/// </summary>
[Collection(BotCollection.Name)]
public sealed class ClubSchedulingTests
{
    private const ulong Grace = PlaygroundSeed.GraceId;
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(45);

    [Fact]
    public async Task Reminder_fired_by_the_scheduler_appears_in_the_channel_with_rsvp_buttons_that_work()
    {
        var start = NextWholeMinute(DateTimeOffset.UtcNow.AddDays(2));
        var clock = ShiftedTimeProvider.StartingAt(start - TimeSpan.FromHours(1) - TimeSpan.FromSeconds(8));
        await using var host = await BotTestHost.StartCustomAsync(UseClock(clock));

        // Set again once the host is up: however long its start took, the reminder is due 8 s after the setup, not
        // already past (a reminder due before its schedule existed is never posted).
        clock.Set(start - TimeSpan.FromHours(1) - TimeSpan.FromSeconds(8));
        var setup = await host.AskAsync(Grace, "club setup", Setup(start, reminders: "1h", pickDays: 1));
        Assert.False(setup.IsEphemeral, setup.Content);

        var reminder = await host.Fake.WaitForMessageAsync(
            m => m.ChannelId == PlaygroundSeed.PaperClubChannelId && m.Content.StartsWith("⏰ Reminder", StringComparison.Ordinal), Wait);

        Assert.Contains($"<t:{start.ToUnixTimeSeconds()}:R>", reminder.Content);
        Assert.Null(reminder.InteractionId);
        var sessionId = start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var going = ClubCommandTests.CustomIds(reminder).Single(id => id.EndsWith(":going", StringComparison.Ordinal));
        Assert.Contains(sessionId, going);

        var ack = await BotTestHost.AnswerOfAsync(await host.Fake.ClickButtonAsync(reminder.Id, going, PlaygroundSeed.AdaId));
        Assert.True(ack.IsEphemeral);
        Assert.Contains("Noted: **going**", ack.Content);
        Assert.Contains("1 going", ack.Content);
    }

    [Fact]
    public async Task Pick_creates_an_external_scheduled_event_session_start_opens_a_thread_and_starts_it_and_the_end_completes_it()
    {
        var start = NextWholeMinute(DateTimeOffset.UtcNow.AddDays(2));
        // First process: the pick (one day ahead) is due two seconds ago, so it is announced at once.
        await using var host = await BotTestHost.StartCustomAsync(UseClock(ShiftedTimeProvider.StartingAt(start - TimeSpan.FromDays(1) + TimeSpan.FromSeconds(2))));
        await host.AskAsync(PlaygroundSeed.AdaId, "queue add", new Dictionary<string, object?> { ["paper"] = "transformer" });
        await host.AskAsync(Grace, "club setup", Setup(start, reminders: "none", pickDays: 1));

        var picked = await host.Fake.WaitForMessageAsync(
            m => m.ChannelId == PlaygroundSeed.PaperClubChannelId && m.Content.StartsWith("📚 Next session", StringComparison.Ordinal), Wait);
        Assert.Contains("**Attention Is All You Need**", picked.Content);
        var created = await WaitForScheduledEventAsync(host, e => e.Status == 1);
        Assert.Equal(3, created.EntityType);
        Assert.Equal(start, created.ScheduledStart);
        Assert.Equal(start + TimeSpan.FromMinutes(90), created.ScheduledEnd);
        Assert.False(string.IsNullOrWhiteSpace(created.Location));
        Assert.Contains("Attention Is All You Need", created.Name);

        // Second process (a restart on the same database): the start is due three seconds ago.
        await host.RestartAsync(UseClock(ShiftedTimeProvider.StartingAt(start + TimeSpan.FromSeconds(3))));

        var opening = await host.Fake.WaitForMessageAsync(
            m => m.ChannelId == PlaygroundSeed.PaperClubChannelId && m.Content.StartsWith("🎬", StringComparison.Ordinal), Wait);
        Assert.Contains("**Attention Is All You Need**", opening.Content);
        var thread = await WaitForAsync(() => host.Fake.GetThreads(PlaygroundSeed.PaperClubChannelId).SingleOrDefault());
        Assert.Equal("Discussion: Attention Is All You Need", thread.Name);
        var inThread = await WaitForAsync(() => host.Fake.GetMessages(thread.Id) is { Count: > 0 } list ? list : null);
        Assert.Contains(inThread, m => m.Content.Contains("attention is the only mechanism", StringComparison.Ordinal));

        var started = await WaitForScheduledEventAsync(host, e => e.Status == 2);
        Assert.Equal(created.Id, started.Id);
        Assert.Single(host.Fake.GetScheduledEvents(PlaygroundSeed.GuildId));
        Assert.Equal(start + TimeSpan.FromMinutes(90), started.ScheduledEnd);

        // Third process: the end is due three seconds after start-up.
        await host.RestartAsync(UseClock(ShiftedTimeProvider.StartingAt(start + TimeSpan.FromMinutes(90) - TimeSpan.FromSeconds(3))));

        var completed = await WaitForScheduledEventAsync(host, e => e.Status == 3);
        Assert.Equal(created.Id, completed.Id);
        Assert.Single(host.Fake.GetScheduledEvents(PlaygroundSeed.GuildId));
    }

    [Fact]
    public async Task A_paper_with_a_long_title_gets_a_thread_name_within_discords_100_characters_and_its_notes_in_it()
    {
        var start = Midday(daysAhead: 3);
        await using var host = await StartAtPickWithEventAsync(start, paper: "switch-transformer");
        await WaitForScheduledEventAsync(host, e => e.Status == 1);

        await host.RestartAsync(UseClock(ShiftedTimeProvider.StartingAt(start + TimeSpan.FromSeconds(3))));

        var thread = await WaitForAsync(() => host.Fake.GetThreads(PlaygroundSeed.PaperClubChannelId).SingleOrDefault());
        Assert.True(thread.Name.Length <= 100, thread.Name);
        Assert.StartsWith("Discussion: Switch Transformers: Scaling to Trillion Parameter Models", thread.Name);
        var inThread = await WaitForAsync(() => host.Fake.GetMessages(thread.Id) is { Count: > 0 } list ? list : null);
        Assert.NotEmpty(inThread);
        await WaitForScheduledEventAsync(host, e => e.Status == 2);
        Assert.Single(host.Fake.GetMessages(PlaygroundSeed.PaperClubChannelId), m => m.Content.StartsWith("🎬", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Session_end_completes_the_scheduled_event_even_when_its_start_was_missed()
    {
        var start = Midday(daysAhead: 3);
        await using var host = await StartAtPickWithEventAsync(start);
        var created = await WaitForScheduledEventAsync(host, e => e.Status == 1);

        // The bot was down through the start (too late to announce it) and comes back just before the end:
        // Discord completes only active events, so the event is started and then completed.
        await host.RestartAsync(UseClock(ShiftedTimeProvider.StartingAt(start + TimeSpan.FromMinutes(90) - TimeSpan.FromSeconds(3))));

        var completed = await WaitForScheduledEventAsync(host, e => e.Status == 3);
        Assert.Equal(created.Id, completed.Id);
        Assert.DoesNotContain(host.Fake.GetMessages(PlaygroundSeed.PaperClubChannelId), m => m.Content.StartsWith("🎬", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Club_skip_cancels_the_scheduled_event_of_the_skipped_session()
    {
        var start = Midday(daysAhead: 3);
        await using var host = await StartAtPickWithEventAsync(start);
        var created = await WaitForScheduledEventAsync(host, e => e.Status == 1);

        var skip = await host.AskAsync(Grace, "club skip");
        Assert.False(skip.IsEphemeral, skip.Content);
        Assert.Matches(@"\*\*Attention Is All You Need\*\* moves to the session on <t:\d+:F>\.", skip.Content);

        var canceled = await WaitForScheduledEventAsync(host, e => e.Status == 4);
        Assert.Equal(created.Id, canceled.Id);
        Assert.Equal(start, canceled.ScheduledStart);
        Assert.Single(host.Fake.GetScheduledEvents(PlaygroundSeed.GuildId));
        var next = await host.AskAsync(Grace, "club next");
        Assert.StartsWith($"<t:{(start + TimeSpan.FromDays(7)).ToUnixTimeSeconds()}:F>", next.EmbedDescription);
    }

    [Fact]
    public async Task Club_setup_with_a_new_time_moves_the_scheduled_event_and_a_new_weekday_cancels_it()
    {
        var start = Midday(daysAhead: 3);
        await using var host = await StartAtPickWithEventAsync(start);
        var created = await WaitForScheduledEventAsync(host, e => e.Status == 1);

        var later = start + TimeSpan.FromHours(1);
        var moved = await host.AskAsync(Grace, "club setup", Setup(later, reminders: "none", pickDays: 1));
        Assert.False(moved.IsEphemeral, moved.Content);

        var rescheduled = await WaitForScheduledEventAsync(host, e => e.ScheduledStart == later);
        Assert.Equal(created.Id, rescheduled.Id);
        Assert.Equal(1, rescheduled.Status);
        Assert.Equal(later + TimeSpan.FromMinutes(90), rescheduled.ScheduledEnd);
        Assert.Contains("Attention Is All You Need", rescheduled.Name);

        var otherDay = await host.AskAsync(Grace, "club setup", Setup(start + TimeSpan.FromDays(1), reminders: "none", pickDays: 1));
        Assert.False(otherDay.IsEphemeral, otherDay.Content);

        var canceled = await WaitForScheduledEventAsync(host, e => e.Status == 4);
        Assert.Equal(created.Id, canceled.Id);
        Assert.Single(host.Fake.GetScheduledEvents(PlaygroundSeed.GuildId));
    }

    [Fact]
    public async Task Pick_whose_scheduled_event_step_fails_on_the_network_posts_its_message_once_and_a_retry_only_creates_the_event()
    {
        var failOnce = new FailFirstScheduledEventPost();
        await using var host = await BotTestHost.StartCustomAsync(b => b.Services.AddHttpClient(DiscordRestClient.HttpClientName).AddHttpMessageHandler(() => failOnce));
        var announcer = host.Bot.Services.GetRequiredService<IClubAnnouncer>();
        var start = Midday(daysAhead: 3) + TimeSpan.FromDays(400);
        var announcement = new ClubAnnouncement(
            PlaygroundSeed.GuildId, PlaygroundSeed.PaperClubChannelId, start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), start,
            start + TimeSpan.FromMinutes(90), "UTC", null, "Network Failure Paper", null, new RsvpCounts(0, 0, 0), ["rsvp:a", "rsvp:b", "rsvp:c"]);

        // The network failure of the scheduled-event step does not fail the pick (the message went out).
        await announcer.AnnouncePaperPickedAsync(announcement, CancellationToken.None);
        Assert.True(failOnce.Failed);
        Assert.Empty(host.Fake.GetScheduledEvents(PlaygroundSeed.GuildId));

        // Announced again (as a retry after any later failure would): the message is not posted again.
        await announcer.AnnouncePaperPickedAsync(announcement, CancellationToken.None);
        Assert.Single(host.Fake.GetMessages(PlaygroundSeed.PaperClubChannelId), m => m.Content.Contains("Network Failure Paper", StringComparison.Ordinal));
        var created = Assert.Single(host.Fake.GetScheduledEvents(PlaygroundSeed.GuildId));
        Assert.Equal(start, created.ScheduledStart);
    }

    [Fact]
    public async Task Session_start_retried_after_a_5xx_on_the_thread_and_a_failure_part_way_through_the_notes_posts_each_note_once_in_the_thread()
    {
        var faults = new StartFaults();
        await using var host = await BotTestHost.StartCustomAsync(b => b.Services.AddHttpClient(DiscordRestClient.HttpClientName).AddHttpMessageHandler(() => faults));
        var announcer = host.Bot.Services.GetRequiredService<IClubAnnouncer>();
        var note = host.Bot.Services.GetRequiredService<IPaperCatalog>().Find("transformer")!;
        var chunks = PaperCardRenderer.RenderSection(note, "Summary").Concat(PaperCardRenderer.RenderQuestions(note)).ToList();
        Assert.True(chunks.Count >= 2, "the test needs notes in more than one message");
        var start = Midday(daysAhead: 3) + TimeSpan.FromDays(500);
        var announcement = new ClubAnnouncement(
            PlaygroundSeed.GuildId, PlaygroundSeed.PaperClubChannelId, start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), start,
            start + TimeSpan.FromMinutes(90), "UTC", "transformer", note.Title, null, new RsvpCounts(0, 0, 0), ["rsvp:a", "rsvp:b", "rsvp:c"]);

        // A 500 on the thread is not a missing permission: thrown, so the retry tries the thread again.
        var serverError = await Assert.ThrowsAsync<DiscordApiException>(() => announcer.AnnounceSessionStartingAsync(announcement, CancellationToken.None));
        Assert.Equal(System.Net.HttpStatusCode.InternalServerError, serverError.StatusCode);
        Assert.Empty(host.Fake.GetThreads(PlaygroundSeed.PaperClubChannelId));

        // The second note chunk fails on the network; the first was posted.
        await Assert.ThrowsAsync<HttpRequestException>(() => announcer.AnnounceSessionStartingAsync(announcement, CancellationToken.None));
        await announcer.AnnounceSessionStartingAsync(announcement, CancellationToken.None);

        var thread = Assert.Single(host.Fake.GetThreads(PlaygroundSeed.PaperClubChannelId));
        Assert.Equal(chunks, host.Fake.GetMessages(thread.Id).Select(m => m.Content));
        var inChannel = host.Fake.GetMessages(PlaygroundSeed.PaperClubChannelId);
        Assert.Single(inChannel, m => m.Content.StartsWith("🎬", StringComparison.Ordinal));
        Assert.DoesNotContain(inChannel, m => chunks.Contains(m.Content));
    }

    [Fact]
    public async Task Session_start_whose_thread_is_refused_for_missing_permissions_posts_the_notes_in_the_channel()
    {
        var refuse = new RefuseThreads();
        await using var host = await BotTestHost.StartCustomAsync(b => b.Services.AddHttpClient(DiscordRestClient.HttpClientName).AddHttpMessageHandler(() => refuse));
        var announcer = host.Bot.Services.GetRequiredService<IClubAnnouncer>();
        var note = host.Bot.Services.GetRequiredService<IPaperCatalog>().Find("transformer")!;
        var chunks = PaperCardRenderer.RenderSection(note, "Summary").Concat(PaperCardRenderer.RenderQuestions(note)).ToList();
        var start = Midday(daysAhead: 3) + TimeSpan.FromDays(600);
        var announcement = new ClubAnnouncement(
            PlaygroundSeed.GuildId, PlaygroundSeed.PaperClubChannelId, start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), start,
            start + TimeSpan.FromMinutes(90), "UTC", "transformer", note.Title, null, new RsvpCounts(0, 0, 0), ["rsvp:a", "rsvp:b", "rsvp:c"]);

        await announcer.AnnounceSessionStartingAsync(announcement, CancellationToken.None);

        Assert.Empty(host.Fake.GetThreads(PlaygroundSeed.PaperClubChannelId));
        var inChannel = host.Fake.GetMessages(PlaygroundSeed.PaperClubChannelId).Select(m => m.Content).ToList();
        Assert.All(chunks, chunk => Assert.Single(inChannel, c => c == chunk));
    }

    /// <summary>Answers every thread creation with 403 Missing Permissions (50013).</summary>
    private sealed class RefuseThreads : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            request.Method == HttpMethod.Post && request.RequestUri!.AbsolutePath.EndsWith("/threads", StringComparison.Ordinal)
                ? Task.FromResult(new HttpResponseMessage(System.Net.HttpStatusCode.Forbidden)
                {
                    RequestMessage = request,
                    Content = new StringContent("""{"message":"Missing Permissions","code":50013}""", System.Text.Encoding.UTF8, "application/json"),
                })
                : base.SendAsync(request, cancellationToken);
    }

    /// <summary>Answers the first thread creation with a 500 and throws a network error instead of sending the second
    /// message posted outside the club's channel (the second note chunk in the thread).</summary>
    private sealed class StartFaults : DelegatingHandler
    {
        private int threadFailed;
        private int outsideMessages;

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var path = request.RequestUri!.AbsolutePath;
            if (request.Method == HttpMethod.Post && path.EndsWith("/threads", StringComparison.Ordinal) && Interlocked.Exchange(ref threadFailed, 1) == 0)
            {
                return Task.FromResult(new HttpResponseMessage(System.Net.HttpStatusCode.InternalServerError)
                {
                    RequestMessage = request,
                    Content = new StringContent("""{"message":"500: Internal Server Error","code":0}""", System.Text.Encoding.UTF8, "application/json"),
                });
            }

            if (request.Method == HttpMethod.Post && path.EndsWith("/messages", StringComparison.Ordinal)
                && !path.Contains($"/channels/{PlaygroundSeed.PaperClubChannelId}/", StringComparison.Ordinal)
                && Interlocked.Increment(ref outsideMessages) == 2)
            {
                throw new HttpRequestException("Connection reset (test)");
            }

            return base.SendAsync(request, cancellationToken);
        }
    }

    /// <summary>Throws a network error instead of sending the first scheduled-event creation.</summary>
    private sealed class FailFirstScheduledEventPost : DelegatingHandler
    {
        private int failed;

        public bool Failed => Volatile.Read(ref failed) == 1;

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            request.Method == HttpMethod.Post && request.RequestUri!.AbsolutePath.EndsWith("/scheduled-events", StringComparison.Ordinal)
            && Interlocked.Exchange(ref failed, 1) == 0
                ? throw new HttpRequestException("Connection reset (test)")
                : base.SendAsync(request, cancellationToken);
    }

    /// <summary>A bot whose clock is two seconds past the pick (one day ahead) of a session at <paramref name="start"/>,
    /// with a paper queued and the club set up, so the pick creates the session's scheduled event at once.</summary>
    private static async Task<BotTestHost> StartAtPickWithEventAsync(DateTimeOffset start, string paper = "transformer")
    {
        var host = await BotTestHost.StartCustomAsync(UseClock(ShiftedTimeProvider.StartingAt(start - TimeSpan.FromDays(1) + TimeSpan.FromSeconds(2))));
        try
        {
            await host.AskAsync(PlaygroundSeed.AdaId, "queue add", new Dictionary<string, object?> { ["paper"] = paper });
            var setup = await host.AskAsync(Grace, "club setup", Setup(start, reminders: "none", pickDays: 1));
            Assert.False(setup.IsEphemeral, setup.Content);
            return host;
        }
        catch
        {
            await host.DisposeAsync();
            throw;
        }
    }

    /// <summary>Noon UTC some days from now: far enough from midnight that an hour later is the same weekday.</summary>
    private static DateTimeOffset Midday(int daysAhead) =>
        new(DateTimeOffset.UtcNow.UtcDateTime.Date.AddDays(daysAhead).AddHours(12), TimeSpan.Zero);

    private static Action<WebApplicationBuilder> UseClock(TimeProvider clock) => b => b.Services.AddSingleton(clock);

    private static Dictionary<string, object?> Setup(DateTimeOffset start, string reminders, int pickDays) => new()
    {
        ["channel"] = PlaygroundSeed.PaperClubChannelId,
        ["weekday"] = start.DayOfWeek.ToString(),
        ["time"] = start.ToString("HH:mm", CultureInfo.InvariantCulture),
        ["timezone"] = "UTC",
        ["reminders"] = reminders,
        ["pick_days"] = pickDays,
    };

    private static DateTimeOffset NextWholeMinute(DateTimeOffset at) =>
        new DateTimeOffset(at.Year, at.Month, at.Day, at.Hour, at.Minute, 0, TimeSpan.Zero).AddMinutes(1);

    private static Task<FakeScheduledEvent> WaitForScheduledEventAsync(BotTestHost host, Func<FakeScheduledEvent, bool> predicate) =>
        WaitForAsync(() => host.Fake.GetScheduledEvents(PlaygroundSeed.GuildId).FirstOrDefault(predicate));

    private static async Task<T> WaitForAsync<T>(Func<T?> probe)
        where T : class
    {
        using var timeout = new CancellationTokenSource(Wait);
        while (true)
        {
            if (probe() is { } found)
            {
                return found;
            }

            await Task.Delay(100, timeout.Token);
        }
    }
}
