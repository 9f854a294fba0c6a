using StudyBot.Discord.Tests.Support;

namespace StudyBot.Discord.Tests.Loopback;

/// <summary>Command registration at start against the fake: global scope when no guild is configured.</summary>
[Collection("Loopback")]
public sealed class CommandRegistrationTests
{
    private static readonly Dictionary<string, string?> NoGuild = new() { ["Discord:GuildId"] = "" };

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
            Assert.Contains(first.Logs.Lines, line => line.Contains("Registered 7 global commands", StringComparison.Ordinal));
        }

        await using var restarted = await BotHarness.StartAsync(settings: NoGuild, server: server);

        Assert.Equal(1, server.Counters.CommandOverwrites);
        Assert.Contains(restarted.Logs.Lines, line => line.Contains("7 global commands already registered and unchanged", StringComparison.Ordinal));
    }
}
