using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using StudyBot.Discord.Commands;
using StudyBot.Discord.Http;
using StudyBot.Discord.Interactions;
using StudyBot.Discord.Tests.Support;
using StudyBot.FakeDiscord;

namespace StudyBot.Discord.Tests.Http;

/// <summary>Http mode end to end: FakeDiscord signs and POSTs interactions to the bot's endpoint on Kestrel.</summary>
[Collection("Loopback")]
public sealed class HttpModeAgainstFakeTests
{
    private static readonly TimeSpan Long = TimeSpan.FromSeconds(30);

    private static async Task<HttpModeBot> StartAsync(
        TimeSpan inlineResponseDelay = default, ScriptedInteractionHandler? handler = null, TimeSpan? callbackDeadline = null)
    {
        var server = await FakeDiscordServer.StartAsync(new FakeDiscordOptions
        {
            BotToken = BotHarness.Token,
            InlineResponseDelay = inlineResponseDelay,
            CallbackDeadline = callbackDeadline ?? TimeSpan.FromSeconds(3),
        });
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Discord:Token"] = BotHarness.Token,
            ["Discord:ApplicationId"] = server.Options.ApplicationId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Discord:Mode"] = "Http",
            ["Discord:ApiBaseUrl"] = server.ApiBaseUrl,
            ["Discord:PublicKey"] = server.PublicKeyHex,
        });
        builder.Services.AddDiscordTransport(builder.Configuration);
        builder.Services.AddSingleton<IInteractionHandler>(handler ?? new ScriptedInteractionHandler { SlowDelay = TimeSpan.FromSeconds(3.5) });
        builder.Services.AddSingleton<IApplicationCommandProvider, TestCommands>();
        var app = builder.Build();
        app.MapDiscordInteractions("/interactions");
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new HttpModeBot(server, app, new Uri(new Uri(address), "/interactions"));
    }

    /// <summary>The fake and the bot's web app; disposing stops both.</summary>
    private sealed record HttpModeBot(FakeDiscordServer Server, WebApplication App, Uri Endpoint) : IAsyncDisposable
    {
        /// <summary>Points the fake at the bot's endpoint, adds a guild with a channel and a member, registers the commands.</summary>
        public async Task<(FakeDiscord.Model.FakeGuild Guild, FakeDiscord.Model.FakeChannel Channel, FakeDiscord.Model.FakeMember Member)> SetUpClubAsync()
        {
            Assert.True((await Server.SetInteractionsEndpointAsync(Endpoint))!.Accepted);
            var guild = Server.AddGuild("club");
            var channel = Server.AddChannel(guild.Id, "general");
            var member = Server.AddMember(guild.Id, "ada");
            await App.Services.GetRequiredService<CommandRegistrar>().SyncAsync(CancellationToken.None);
            return (guild, channel, member);
        }

        public async ValueTask DisposeAsync()
        {
            await App.StopAsync();
            await App.DisposeAsync();
            await Server.DisposeAsync();
        }
    }

    [Fact]
    public async Task Fake_discord_accepts_the_endpoint_and_interactions_round_trip_inline_and_deferred()
    {
        await using var bot = await StartAsync();
        var (server, app, endpoint) = (bot.Server, bot.App, bot.Endpoint);
        var check = await server.SetInteractionsEndpointAsync(endpoint);
        Assert.NotNull(check);
        Assert.True(check.Accepted, check.ToString());

        var guild = server.AddGuild("club");
        var channel = server.AddChannel(guild.Id, "general");
        var member = server.AddMember(guild.Id, "ada");
        await app.Services.GetRequiredService<CommandRegistrar>().SyncAsync(CancellationToken.None);

        var ping = await server.SendSlashCommandAsync(guild.Id, channel.Id, member.Id, "ping");
        Assert.Equal("pong", (await ping.WaitForCallbackAsync(Long)).Data!["content"]!.GetValue<string>());

        var slow = await server.SendSlashCommandAsync(guild.Id, channel.Id, member.Id, "slow");
        var deferred = await slow.WaitForCallbackAsync(Long);
        Assert.Equal(5, deferred.Type);
        Assert.True(deferred.Latency < TimeSpan.FromSeconds(3), $"deferred after {deferred.Latency}");
        Assert.Equal("finally done", (await slow.WaitForOriginalResponseAsync(m => !m.IsLoading, Long)).Content);
    }

    [Fact]
    public async Task Follow_up_sent_right_after_an_inline_answer_reaches_the_member_as_an_ephemeral_follow_up()
    {
        // Discord takes a moment to act on the inline answer; a follow-up sent meanwhile meets 10015 Unknown Webhook.
        await using var bot = await StartAsync(inlineResponseDelay: TimeSpan.FromMilliseconds(300));
        var server = bot.Server;
        var (guild, channel, member) = await bot.SetUpClubAsync();

        // The handler answers inline and at once sends an ephemeral follow-up through the young token: the follow-up
        // must wait for Discord rather than take 10015 for an expired token and drop the ephemeral message.
        var chain = await server.SendSlashCommandAsync(guild.Id, channel.Id, member.Id, "chain");

        Assert.Equal("first", (await chain.WaitForCallbackAsync(Long)).Data!["content"]!.GetValue<string>());
        await Eventually.TrueAsync(() => chain.Followups.Count == 1, Long, "the ephemeral follow-up");
        var followup = Assert.Single(chain.Followups);
        Assert.True(followup.IsEphemeral);
        Assert.Equal("second", followup.Content);
        Assert.DoesNotContain(server.GetMessages(channel.Id), m => m.Content == "second" && !m.IsEphemeral);
    }

    [Fact]
    public async Task Follow_up_whose_token_discord_never_comes_to_know_falls_back_to_a_channel_message()
    {
        // Discord acts on the inline answer only after 20 s (its 3 s window stretched for this): the follow-up's 10015
        // retries (under 2 s) run out long before.
        var handler = new ScriptedInteractionHandler { ChainFollowUpEphemeral = false };
        await using var bot = await StartAsync(inlineResponseDelay: TimeSpan.FromSeconds(20), handler, callbackDeadline: TimeSpan.FromSeconds(60));
        var server = bot.Server;
        var (guild, channel, member) = await bot.SetUpClubAsync();

        var chain = await server.SendSlashCommandAsync(guild.Id, channel.Id, member.Id, "chain");

        // The public follow-up reaches the channel as a plain message instead of failing the handler (whose
        // failure would be an ephemeral "something went wrong" follow-up).
        await Eventually.TrueAsync(() => server.GetMessages(channel.Id).Any(m => m.Content == "second" && !m.IsEphemeral), Long, "the follow-up as a channel message");
        Assert.Empty(chain.Followups);
        Assert.DoesNotContain(server.GetMessages(channel.Id), m => m.Content?.Contains("went wrong", StringComparison.Ordinal) == true);
    }
}
