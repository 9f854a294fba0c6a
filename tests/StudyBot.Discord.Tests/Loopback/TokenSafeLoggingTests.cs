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

        var lines = bot.Logs.Lines;
        foreach (var token in new[] { ping.Token, slow.Token, secret.Token, BotHarness.Token })
        {
            Assert.DoesNotContain(lines, line => line.Contains(token, StringComparison.Ordinal));
        }

        // The requests were logged (so the check above is not vacuous), with the token replaced.
        Assert.Contains(lines, line => line.Contains("POST interactions/" + ping.Id + "/{token}/callback", StringComparison.Ordinal));
        Assert.Contains(lines, line => line.Contains("PATCH webhooks/" + bot.Server.Options.ApplicationId + "/{token}/messages/@original", StringComparison.Ordinal));
        Assert.Contains(lines, line => line.Contains("POST webhooks/" + bot.Server.Options.ApplicationId + "/{token}", StringComparison.Ordinal));
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
