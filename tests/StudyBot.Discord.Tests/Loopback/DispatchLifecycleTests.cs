using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using StudyBot.Discord.Gateway;
using StudyBot.Discord.Tests.Support;
using StudyBot.FakeDiscord;

namespace StudyBot.Discord.Tests.Loopback;

/// <summary>How interactions go from the gateway queue to their handlers and out again, up to the host stopping.</summary>
[Collection("Loopback")]
public sealed class DispatchLifecycleTests
{
    private const string RestartText = "The bot is restarting; please try again in a minute.";
    private static readonly TimeSpan Long = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Quick_command_and_autocomplete_queued_behind_slow_handlers_on_every_worker_are_answered_by_their_own_handlers()
    {
        await using var bot = await BotHarness.StartAsync(settings: new Dictionary<string, string?> { ["Discord:DispatchConcurrency"] = "2" });
        // The quick handlers answer at once: on a loaded machine a handler that thinks first could lose to the
        // automatic defer, and this test is about queueing, not about the handler's speed.
        bot.Handler.QuickDelay = TimeSpan.Zero;
        await bot.WaitReadyAsync();

        // Four handlers that take 4 s each land on the two workers first.
        var slow = new List<FakeInteractionHandle>();
        for (var i = 0; i < 4; i++)
        {
            slow.Add(await bot.SlashAsync("slow"));
        }

        var quick = await bot.SlashAsync("quick");
        var find = await bot.Server.SendAutocompleteAsync(bot.Guild.Id, bot.Channel.Id, bot.Member.Id, "find", "term", "atten");

        var answer = await quick.WaitForCallbackAsync(Long);
        Assert.Equal(4, answer.Type);
        Assert.Equal("quick answer", answer.Data!["content"]!.GetValue<string>());
        Assert.Equal(25, (await find.WaitForChoicesAsync(Long)).Count);
        Assert.Contains(bot.Handler.Received, i => i.Id == quick.Id);
        Assert.Contains(bot.Handler.Received, i => i.Id == find.Id);
        foreach (var handle in slow)
        {
            Assert.Equal(5, (await handle.WaitForCallbackAsync(Long)).Type);
        }
    }

    [Fact]
    public async Task Interaction_that_arrives_after_its_callback_deadline_is_deferred_at_once_and_nothing_more_is_sent()
    {
        // Heartbeats far apart: the delayed frames below must not look like a dead connection.
        await using var bot = await BotHarness.StartAsync(heartbeatIntervalMs: 60_000);
        await bot.WaitReadyAsync();
        Assert.Equal(4, (await (await bot.SlashAsync("ping")).WaitForCallbackAsync(Long)).Type);

        // Discord creates the interaction now; the bot reads it 4 s later, as with an event replayed after a resume.
        bot.Server.GatewayOutboundDelay = TimeSpan.FromSeconds(4);
        var late = await bot.SlashAsync("ping");
        var id = late.Id.ToString(CultureInfo.InvariantCulture);
        await Eventually.TrueAsync(
            () => bot.Logs.Lines.Any(line => line.Contains(id, StringComparison.Ordinal) && line.Contains("deferred at once", StringComparison.Ordinal)),
            Long,
            "the late interaction being deferred at once");
        bot.Server.GatewayOutboundDelay = TimeSpan.Zero;

        // Its defer came after Discord's 3 s and was refused (10062), so no answer was accepted for it…
        await Eventually.TrueAsync(() => bot.Logs.Lines.Any(line => line.Contains("10062", StringComparison.Ordinal)), Long, "the refused defer");
        Assert.False(late.Callback.IsCompleted);
        // …and the next interaction is answered by its handler as usual.
        Assert.Equal(4, (await (await bot.SlashAsync("ping")).WaitForCallbackAsync(Long)).Type);
        Assert.False(late.Callback.IsCompleted);
    }

    [Fact]
    public async Task Stopping_the_host_lets_a_running_handler_finish_its_answer()
    {
        await using var bot = await BotHarness.StartAsync();
        await bot.WaitReadyAsync();
        var slow = await bot.SlashAsync("slow");
        Assert.Equal(5, (await slow.WaitForCallbackAsync(Long)).Type);

        using (var stop = new CancellationTokenSource(Long))
        {
            await bot.Host.StopAsync(stop.Token);
        }

        var original = slow.OriginalResponse;
        Assert.NotNull(original);
        Assert.Equal("finally done", original.Content);
    }

    [Fact]
    public async Task Handler_still_running_when_the_drain_time_is_over_leaves_a_restart_notice_instead_of_thinking()
    {
        await using var bot = await BotHarness.StartAsync(settings: new Dictionary<string, string?> { ["Discord:ShutdownDrainTimeout"] = "00:00:00.500" });
        await bot.WaitReadyAsync();
        var stuck = await bot.SlashAsync("later");
        Assert.Equal(5, (await stuck.WaitForCallbackAsync(Long)).Type);

        using (var stop = new CancellationTokenSource(Long))
        {
            await bot.Host.StopAsync(stop.Token);
        }

        var original = stuck.OriginalResponse;
        Assert.NotNull(original);
        Assert.False(original.IsLoading, string.Join("\n", bot.Logs.Lines.TakeLast(15)));
        Assert.Equal(RestartText, original.Content);
    }

    [Fact]
    public async Task Interaction_still_queued_when_the_host_stops_is_answered_before_the_host_has_stopped()
    {
        // One worker, held by an app-side INTERACTION_CREATE handler until the bot stops: the next interaction waits in the queue.
        var holder = new HoldingDispatchHandler();
        await using var bot = await BotHarness.StartAsync(
            settings: new Dictionary<string, string?> { ["Discord:DispatchConcurrency"] = "1" },
            configure: services => services.AddSingleton<IGatewayDispatchHandler>(holder));
        await bot.WaitReadyAsync();
        Assert.Equal(4, (await (await bot.SlashAsync("ping")).WaitForCallbackAsync(Long)).Type);
        await holder.Holding.Task.WaitAsync(Long);
        var queue = bot.Host.Services.GetRequiredService<GatewayDispatchQueue>();
        var queued = await bot.SlashAsync("ping");
        await Eventually.TrueAsync(() => queue.Reader.Count == 1, Long, "the second interaction waiting in the dispatch queue");

        using (var stop = new CancellationTokenSource(Long))
        {
            await bot.Host.StopAsync(stop.Token);
        }

        Assert.True(queued.Callback.IsCompleted, "the queued interaction was not answered");
        Assert.Equal("pong", (await queued.Callback).Data!["content"]!.GetValue<string>());
    }

    /// <summary>An app-side gateway handler that holds its worker until the bot stops.</summary>
    private sealed class HoldingDispatchHandler : IGatewayDispatchHandler
    {
        public TaskCompletionSource Holding { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public string EventType => "INTERACTION_CREATE";

        public async ValueTask HandleAsync(GatewayDispatch dispatch, CancellationToken cancellationToken)
        {
            Holding.TrySetResult();
            await Task.Delay(Timeout.InfiniteTimeSpan, cancellationToken);
        }
    }
}
