using Microsoft.Extensions.DependencyInjection;
using StudyBot.Discord.Commands;
using StudyBot.Discord.Interactions;
using StudyBot.Discord.Tests.Support;

namespace StudyBot.Discord.Tests.Loopback;

[Collection("Loopback")]
public sealed class InteractionRoundTripTests
{
    private static readonly TimeSpan Long = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Slow_handler_is_deferred_within_three_seconds_and_the_answer_edits_the_original()
    {
        await using var bot = await BotHarness.StartAsync();
        await bot.WaitReadyAsync();

        var handle = await bot.SlashAsync("slow");

        var callback = await handle.WaitForCallbackAsync(Long);
        Assert.Equal(5, callback.Type);
        Assert.True(callback.Latency < TimeSpan.FromSeconds(3), $"deferred after {callback.Latency}");
        var original = await handle.WaitForOriginalResponseAsync(m => !m.IsLoading, Long);
        Assert.Equal("finally done", original.Content);
    }

    [Fact]
    public async Task Slow_ephemeral_answer_after_a_public_defer_replaces_the_placeholder_with_an_ephemeral_follow_up()
    {
        await using var bot = await BotHarness.StartAsync();
        await bot.WaitReadyAsync();

        var handle = await bot.SlashAsync("secret");

        Assert.Equal(5, (await handle.WaitForCallbackAsync(Long)).Type);
        await Eventually.TrueAsync(() => handle.Followups.Count == 1, Long, "the ephemeral follow-up");
        var followup = Assert.Single(handle.Followups);
        Assert.True(followup.IsEphemeral);
        Assert.Equal("only for you", followup.Content);
        Assert.True(handle.OriginalResponse is null || handle.OriginalResponse.IsDeleted);
    }

    [Fact]
    public async Task Autocomplete_answers_with_at_most_25_choices()
    {
        await using var bot = await BotHarness.StartAsync();
        await bot.WaitReadyAsync();

        var handle = await bot.Server.SendAutocompleteAsync(bot.Guild.Id, bot.Channel.Id, bot.Member.Id, "find", "term", "atten");

        var choices = await handle.WaitForChoicesAsync(Long);
        Assert.Equal(25, choices.Count);
        Assert.Equal("atten 1", choices[0].Name);
    }

    [Fact]
    public async Task Commands_are_registered_once_and_an_unchanged_set_is_not_overwritten()
    {
        await using var bot = await BotHarness.StartAsync();

        Assert.Equal(TestCommands.All.Count, bot.Server.GetRegisteredCommands(bot.Guild.Id).Count);
        var overwrites = bot.Server.Counters.CommandOverwrites;

        var changed = await bot.Host.Services.GetRequiredService<CommandRegistrar>().SyncAsync(CancellationToken.None);

        Assert.False(changed);
        Assert.Equal(overwrites, bot.Server.Counters.CommandOverwrites);
    }

    [Fact]
    public async Task Malformed_interaction_gets_an_ephemeral_error_and_the_next_one_still_works()
    {
        // Http mode: no gateway, so the test feeds the dispatcher itself, as the gateway worker would.
        await using var bot = await BotHarness.StartAsync(mode: DiscordMode.Http);
        var dispatcher = bot.Host.Services.GetRequiredService<InteractionDispatcher>();
        var handle = await bot.SlashAsync("ping");
        var broken = handle.Payload;
        broken["data"]!["options"] = "not-an-array";
        broken["member"] = 42;

        await dispatcher.DispatchAsync(Payloads.Json(broken.ToJsonString()), DateTimeOffset.UtcNow, CancellationToken.None);

        var callback = await handle.WaitForCallbackAsync(Long);
        Assert.Equal(4, callback.Type);
        Assert.Equal(64, callback.Data!["flags"]!.GetValue<int>());
        Assert.Empty(bot.Handler.Received);

        var next = await bot.SlashAsync("ping");
        await dispatcher.DispatchAsync(Payloads.Json(next.Payload.ToJsonString()), DateTimeOffset.UtcNow, CancellationToken.None);
        Assert.Equal("pong", (await next.WaitForCallbackAsync(Long)).Data!["content"]!.GetValue<string>());
    }

    [Fact]
    public async Task Payload_without_a_token_is_ignored_without_crashing()
    {
        await using var bot = await BotHarness.StartAsync(mode: DiscordMode.Http);
        var dispatcher = bot.Host.Services.GetRequiredService<InteractionDispatcher>();

        await dispatcher.DispatchAsync(Payloads.Json("""{"id":"1","type":2,"data":{}}"""), DateTimeOffset.UtcNow, CancellationToken.None);
        await dispatcher.DispatchAsync(Payloads.Json("""[]"""), DateTimeOffset.UtcNow, CancellationToken.None);

        Assert.Contains(bot.Logs.Lines, line => line.Contains("Malformed interaction", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Second_acknowledgement_is_logged_not_retried()
    {
        await using var bot = await BotHarness.StartAsync(mode: DiscordMode.Http);
        var dispatcher = bot.Host.Services.GetRequiredService<InteractionDispatcher>();
        var handle = await bot.SlashAsync("ping");
        var payload = Payloads.Json(handle.Payload.ToJsonString());

        await dispatcher.DispatchAsync(payload, DateTimeOffset.UtcNow, CancellationToken.None);
        await handle.WaitForCallbackAsync(Long);
        var requests = bot.Server.Counters.RestRequests;
        await dispatcher.DispatchAsync(payload, DateTimeOffset.UtcNow, CancellationToken.None);
        await dispatcher.DrainAsync();

        Assert.Contains(bot.Logs.Lines, line => line.Contains("40060", StringComparison.Ordinal));
        Assert.Equal(requests + 1, bot.Server.Counters.RestRequests);
    }
}
