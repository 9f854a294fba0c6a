using System.Text.Json.Nodes;
using StudyBot.Discord.Tests.Support;

namespace StudyBot.Discord.Tests.Loopback;

[Collection("Loopback")]
public sealed class MalformedOverGatewayTests
{
    private static readonly TimeSpan Long = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Malformed_interaction_over_the_gateway_is_answered_with_an_ephemeral_error_and_the_bot_keeps_working()
    {
        await using var bot = await BotHarness.StartAsync();
        await bot.WaitReadyAsync();
        var broken = new JsonObject
        {
            ["id"] = "1180000000000000099",
            ["application_id"] = bot.Server.Options.ApplicationId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["type"] = 2,
            ["token"] = "raw-token-for-malformed-test",
            ["channel_id"] = bot.Channel.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["member"] = "not-an-object",
            ["data"] = new JsonObject { ["id"] = "1", ["name"] = "ping", ["options"] = 17 },
        };

        var handle = await bot.Server.InjectRawInteractionAsync(broken);

        var callback = await handle.WaitForCallbackAsync(Long);
        Assert.Equal(4, callback.Type);
        Assert.Equal(64, callback.Data!["flags"]!.GetValue<int>());
        Assert.Empty(bot.Handler.Received);
        Assert.Equal("pong", (await (await bot.SlashAsync("ping")).WaitForCallbackAsync(Long)).Data!["content"]!.GetValue<string>());
    }

    [Fact]
    public async Task Interaction_of_unknown_type_without_usable_fields_is_ignored_and_the_bot_keeps_working()
    {
        await using var bot = await BotHarness.StartAsync();
        await bot.WaitReadyAsync();

        await bot.Server.InjectRawInteractionAsync(new JsonObject { ["type"] = 42, ["data"] = new JsonArray(1, 2) });

        Assert.Equal("pong", (await (await bot.SlashAsync("ping")).WaitForCallbackAsync(Long)).Data!["content"]!.GetValue<string>());
        Assert.Contains(bot.Logs.Lines, line => line.Contains("Malformed interaction", StringComparison.Ordinal));
    }
}
