using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;
using StudyBot.Discord.Interactions;
using StudyBot.Discord.Tests.Support;

namespace StudyBot.Discord.Tests.Loopback;

[Collection("Loopback")]
public sealed class ComponentAndExpiryTests
{
    private static readonly TimeSpan Long = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Button_click_updates_the_message_it_belongs_to()
    {
        await using var bot = await BotHarness.StartAsync();
        await bot.WaitReadyAsync();
        var posted = await bot.SlashAsync("rsvp");
        var message = await posted.WaitForOriginalResponseAsync(_ => true, Long);

        var click = await bot.Server.ClickButtonAsync(message.Id, "rsvp:yes", bot.Member.Id);

        Assert.Equal(7, (await click.WaitForCallbackAsync(Long)).Type);
        var updated = await posted.WaitForOriginalResponseAsync(m => m.EditedAt is not null, Long);
        Assert.Equal("ada clicked rsvp:yes", updated.Content);
    }

    [Fact]
    public async Task Modal_opened_by_a_command_is_submitted_and_answered()
    {
        await using var bot = await BotHarness.StartAsync();
        await bot.WaitReadyAsync();
        var opener = await bot.SlashAsync("form");
        Assert.Equal(9, (await opener.WaitForCallbackAsync(Long)).Type);

        var submit = await bot.Server.SubmitModalAsync(opener.Id, new Dictionary<string, string> { ["summary"] = "Attention is all you need." });

        var callback = await submit.WaitForCallbackAsync(Long);
        Assert.Equal(4, callback.Type);
        Assert.Equal("summary: Attention is all you need.", callback.Data!["content"]!.GetValue<string>());
    }

    [Fact]
    public async Task Answer_after_the_token_life_goes_to_the_channel_as_a_normal_message()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var bot = await BotHarness.StartAsync(mode: DiscordMode.Http, botTime: clock);
        var dispatcher = bot.Host.Services.GetRequiredService<InteractionDispatcher>();
        var handle = await bot.SlashAsync("later");

        await dispatcher.DispatchAsync(Payloads.Json(handle.Payload.ToJsonString()), clock.GetUtcNow(), CancellationToken.None);
        Assert.Equal(5, (await handle.WaitForCallbackAsync(Long)).Type);
        clock.Advance(TimeSpan.FromMinutes(16));
        bot.Handler.Release.SetResult();
        await dispatcher.DrainAsync().WaitAsync(Long);

        var posted = Assert.Single(bot.Server.GetMessages(bot.Channel.Id), m => m.InteractionId is null);
        Assert.Equal("answer after the token expired", posted.Content);
        Assert.Empty(handle.Followups);
    }

    [Fact]
    public async Task Answer_after_a_defer_goes_to_the_channel_when_Discord_expired_the_token_before_the_bots_clock_did()
    {
        // Only Discord's clock moves on: the bot still thinks the token is valid and tries to edit @original.
        var discordClock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var bot = await BotHarness.StartAsync(serverTime: discordClock);
        await bot.WaitReadyAsync();
        var handle = await bot.SlashAsync("later");
        Assert.Equal(5, (await handle.WaitForCallbackAsync(Long)).Type);

        discordClock.Advance(TimeSpan.FromMinutes(16));
        bot.Handler.Release.SetResult();

        var posted = await bot.Server.WaitForMessageAsync(m => m.ChannelId == bot.Channel.Id && m.InteractionId is null, Long);
        Assert.Equal("answer after the token expired", posted.Content);
        Assert.Empty(handle.Followups);
        Assert.Contains(bot.Logs.Lines, line => line.Contains("posting to channel", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Identify_budget_near_exhaustion_refuses_to_identify_and_stops()
    {
        await using var bot = await BotHarness.StartAsync(sessionStartLimit: 5);
        var lifetime = bot.Host.Services.GetRequiredService<IHostApplicationLifetime>();
        try
        {
            await Eventually.TrueAsync(() => lifetime.ApplicationStopping.IsCancellationRequested, Long, "the host being asked to stop");

            Assert.Contains("Refusing to identify", bot.Gateway.FatalReason, StringComparison.Ordinal);
            Assert.Equal(0, bot.Server.Counters.Identifies);
        }
        finally
        {
            Environment.ExitCode = 0;
        }
    }
}
