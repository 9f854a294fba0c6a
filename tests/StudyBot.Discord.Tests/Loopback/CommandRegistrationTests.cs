using Microsoft.Extensions.DependencyInjection;
using StudyBot.Discord.Commands;
using StudyBot.Discord.Rest;
using StudyBot.Discord.Tests.Support;

namespace StudyBot.Discord.Tests.Loopback;

/// <summary>Command registration at start against the fake: global scope when no guild is configured; a slow, timed-out
/// or garbled answer to the overwrite neither holds up nor breaks the bot's start.</summary>
[Collection("Loopback")]
public sealed class CommandRegistrationTests
{
    private static readonly Dictionary<string, string?> NoGuild = new() { ["Discord:GuildId"] = "" };
    private static readonly TimeSpan Long = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Without_a_guild_id_commands_are_registered_globally_once_and_not_again_on_restart()
    {
        await using var server = await StudyBot.FakeDiscord.FakeDiscordServer.StartAsync(new StudyBot.FakeDiscord.FakeDiscordOptions { BotToken = BotHarness.Token });

        await using (var first = await BotHarness.StartAsync(settings: NoGuild, server: server))
        {
            var global = server.GetRegisteredCommands().Select(c => c["name"]!.GetValue<string>()).Order(StringComparer.Ordinal);
            Assert.Equal(TestCommands.All.Select(c => c.Name).Order(StringComparer.Ordinal), global);
            Assert.Empty(server.GetRegisteredCommands(first.Guild.Id));
            Assert.Equal(1, server.Counters.CommandOverwrites);
            Assert.Contains(first.Logs.Lines, line => line.Contains($"Registered {TestCommands.All.Count} global commands", StringComparison.Ordinal));
        }

        await using var restarted = await BotHarness.StartAsync(settings: NoGuild, server: server);

        Assert.Equal(1, server.Counters.CommandOverwrites);
        Assert.Contains(restarted.Logs.Lines, line => line.Contains($"{TestCommands.All.Count} global commands already registered and unchanged", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_command_overwrite_that_is_not_answered_does_not_keep_the_gateway_from_connecting()
    {
        var overwrite = new OverwriteScript();
        await using var bot = await BotHarness.StartAsync(configure: services => overwrite.Install(services), waitForCommands: false).WaitAsync(Long);
        var registrar = bot.Host.Services.GetRequiredService<CommandRegistrar>();

        await Eventually.TrueAsync(() => bot.Gateway.IsReady, Long, "gateway READY while the overwrite hangs");
        await overwrite.Arrived.Task.WaitAsync(Long);
        Assert.False(registrar.Completion.IsCompleted);
        Assert.Empty(bot.Server.GetRegisteredCommands(bot.Guild.Id));

        overwrite.Release.SetResult();

        await registrar.Completion.WaitAsync(Long);
        Assert.Equal(TestCommands.All.Count, bot.Server.GetRegisteredCommands(bot.Guild.Id).Count);
        Assert.Equal(4, (await (await bot.SlashAsync("ping")).WaitForCallbackAsync(Long)).Type);
    }

    [Fact]
    public async Task A_timed_out_then_garbled_command_overwrite_is_logged_and_retried_and_the_bot_starts()
    {
        var overwrite = new OverwriteScript { TimeOutFirst = true, GarbleSecond = true };
        await using var bot = await BotHarness.StartAsync(
            configure: services => overwrite.Install(services),
            waitForCommands: false).WaitAsync(Long);

        await bot.WaitReadyAsync();

        var lines = bot.Logs.Lines;
        Assert.Contains(lines, line => line.Contains("Command registration attempt 1 of 3 failed: Discord did not answer within the HTTP timeout", StringComparison.Ordinal));
        Assert.Contains(lines, line => line.Contains("Command registration attempt 2 of 3 failed: Discord's answer could not be read as JSON", StringComparison.Ordinal));
        Assert.Contains(lines, line => line.Contains("commands already registered and unchanged", StringComparison.Ordinal));
        Assert.Equal(1, bot.Server.Counters.CommandOverwrites);
        Assert.Equal(TestCommands.All.Count, bot.Server.GetRegisteredCommands(bot.Guild.Id).Count);
    }

    /// <summary>
    /// Sits in the bot's HttpClient in front of the fake and plays tricks on the command overwrite (PUT …/commands):
    /// holds the first until released, lets the first time out, or garbles the body of the one that reaches the fake.
    /// </summary>
    private sealed class OverwriteScript
    {
        private int puts;

        public bool TimeOutFirst { get; init; }

        public bool GarbleSecond { get; init; }

        public TaskCompletionSource Arrived { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        /// <summary>How long the first overwrite hangs before it times out (only that request: the bot's other calls
        /// keep their usual timeout, so a slow machine cannot time them out).</summary>
        private static readonly TimeSpan FirstOverwriteTimeout = TimeSpan.FromSeconds(3);

        public void Install(IServiceCollection services) =>
            services.AddHttpClient(DiscordRestClient.HttpClientName).AddHttpMessageHandler(() => new Handler(this));

        private sealed class Handler(OverwriteScript script) : DelegatingHandler
        {
            protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
            {
                if (request.Method != HttpMethod.Put || !request.RequestUri!.AbsolutePath.EndsWith("/commands", StringComparison.Ordinal))
                {
                    return await base.SendAsync(request, cancellationToken);
                }

                var put = Interlocked.Increment(ref script.puts);
                script.Arrived.TrySetResult();
                if (script.TimeOutFirst && put == 1)
                {
                    // Never answered: times out as HttpClient's own timeout would (a TaskCanceledException caused by
                    // a TimeoutException, not the caller's token).
                    await Task.Delay(FirstOverwriteTimeout, cancellationToken);
                    throw new TaskCanceledException(
                        $"The request was canceled due to the configured HttpClient.Timeout of {FirstOverwriteTimeout.TotalSeconds} seconds elapsing.",
                        new TimeoutException("The operation was canceled."));
                }

                if (!script.TimeOutFirst && !script.GarbleSecond)
                {
                    await script.Release.Task.WaitAsync(cancellationToken);
                }

                var response = await base.SendAsync(request, cancellationToken);
                if (script.GarbleSecond && put == 2)
                {
                    response.Content = new StringContent("{\"id\": \"1\", \"name\": <html>502 Bad Gateway", System.Text.Encoding.UTF8, "application/json");
                }

                return response;
            }
        }
    }
}
