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

    private static async Task<(FakeDiscordServer Server, WebApplication App, Uri Endpoint)> StartAsync()
    {
        var server = await FakeDiscordServer.StartAsync(new FakeDiscordOptions { BotToken = BotHarness.Token });
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
        builder.Services.AddSingleton<IInteractionHandler>(new ScriptedInteractionHandler { SlowDelay = TimeSpan.FromSeconds(3.5) });
        builder.Services.AddSingleton<IApplicationCommandProvider, TestCommands>();
        var app = builder.Build();
        app.MapDiscordInteractions("/interactions");
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return (server, app, new Uri(new Uri(address), "/interactions"));
    }

    [Fact]
    public async Task Fake_discord_accepts_the_endpoint_and_interactions_round_trip_inline_and_deferred()
    {
        var (server, app, endpoint) = await StartAsync();
        try
        {
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
        finally
        {
            await app.StopAsync();
            await app.DisposeAsync();
            await server.DisposeAsync();
        }
    }
}
