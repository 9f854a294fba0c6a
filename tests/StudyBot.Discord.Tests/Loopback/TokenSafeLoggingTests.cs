using StudyBot.Discord.Tests.Support;

namespace StudyBot.Discord.Tests.Loopback;

/// <summary>Secrets in request URLs (interaction and webhook tokens) and headers (the bot token) never reach the logs.</summary>
[Collection("Loopback")]
public sealed class TokenSafeLoggingTests
{
    private static readonly TimeSpan Long = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Callback_edit_and_follow_up_requests_log_only_redacted_routes_at_debug_level()
    {
        await using var bot = await BotHarness.StartAsync();
        await bot.WaitReadyAsync();

        // ping: interaction callback; slow: callback + webhook edit of @original; secret: callback, follow-up, delete.
        var ping = await bot.SlashAsync("ping");
        var slow = await bot.SlashAsync("slow");
        var secret = await bot.SlashAsync("secret");
        await ping.WaitForCallbackAsync(Long);
        await slow.WaitForOriginalResponseAsync(m => !m.IsLoading, Long);
        await Eventually.TrueAsync(() => secret.Followups.Count == 1, Long, "the ephemeral follow-up");

        // The requests are logged once their answers are read, which can be after the fake shows their effect.
        var callback = "POST interactions/" + ping.Id + "/{token}/callback";
        var edit = "PATCH webhooks/" + bot.Server.Options.ApplicationId + "/{token}/messages/@original";
        var followUp = "POST webhooks/" + bot.Server.Options.ApplicationId + "/{token}";
        await Eventually.TrueAsync(
            () => new[] { callback, edit, followUp }.All(route => bot.Logs.Lines.Any(line => line.Contains(route, StringComparison.Ordinal))),
            Long,
            "the callback, edit and follow-up requests in the log");

        var lines = bot.Logs.Lines;
        foreach (var token in new[] { ping.Token, slow.Token, secret.Token, BotHarness.Token })
        {
            Assert.DoesNotContain(lines, line => line.Contains(token, StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task Start_logs_which_token_is_configured_in_redacted_form_only()
    {
        await using var bot = await BotHarness.StartAsync();
        await bot.WaitReadyAsync();

        var redacted = DiscordSecret.Redact(BotHarness.Token);
        Assert.Single(bot.Logs.Lines, line => line.Contains(redacted, StringComparison.Ordinal));
    }
}
