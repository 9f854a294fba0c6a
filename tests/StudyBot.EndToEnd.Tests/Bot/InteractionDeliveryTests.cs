using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using StudyBot.Core.Commands;
using StudyBot.Discord.Interactions;
using StudyBot.FakeDiscord;
using StudyBot.Playground;

namespace StudyBot.EndToEnd.Tests.Bot;

/// <summary>Answering interactions when Discord pushes back: 429 storms, slow handlers, malformed payloads.</summary>
[Collection(BotCollection.Name)]
public sealed class InteractionDeliveryTests
{
    /// <summary>Discord's own rule: the first response must arrive within 3 seconds of the interaction.</summary>
    private static readonly TimeSpan DiscordDeadline = TimeSpan.FromSeconds(3);

    [Fact]
    public async Task Slow_handler_is_deferred_within_three_seconds_and_its_answer_edits_the_response()
    {
        await using var host = await BotTestHost.StartCustomAsync(b => b.Services.AddSingleton<ICommandHandler, SlowCommandHandler>());
        Assert.Contains(host.Fake.GetRegisteredCommands(PlaygroundSeed.GuildId), c => c["name"]!.GetValue<string>() == "slow");

        var handle = await host.CommandAsync(PlaygroundSeed.AdaId, "slow");

        var callback = await handle.WaitForCallbackAsync(BotTestHost.Patience);
        Assert.Equal(5, callback.Type);
        Assert.True(callback.Latency < DiscordDeadline, $"acknowledged after {callback.Latency}");
        var final = await handle.WaitForOriginalResponseAsync(m => !m.IsLoading, BotTestHost.Patience);
        Assert.Equal("Finally done.", final.Content);
    }

    [Fact]
    public async Task Rate_limited_callbacks_and_edits_are_retried_within_the_cap_and_a_storm_is_given_up_without_a_loop()
    {
        // About the retries, not Discord's 3 s (a fresh process pays for JIT on its first interaction): the fake
        // accepts late callbacks.
        await using var host = await BotTestHost.StartCustomAsync(
            b => b.Services.AddSingleton<ICommandHandler, SlowCommandHandler>(),
            new FakeDiscordOptions { CallbackDeadline = TimeSpan.FromSeconds(30) });
        var fake = host.Fake;

        // Two 429s on the callback route: the third try succeeds.
        fake.InjectRateLimit("^POST /interactions/", 2, TimeSpan.FromMilliseconds(200));
        var answer = await host.AskAsync(PlaygroundSeed.AdaId, "paper info", new Dictionary<string, object?> { ["paper"] = "lora" });
        Assert.Equal("LoRA: Low-Rank Adaptation of Large Language Models", answer.EmbedTitle);
        Assert.Equal(2, fake.Counters.RateLimitedResponses);

        // Two 429s on the webhook route: the deferred answer of a slow command still lands.
        fake.InjectRateLimit("^PATCH /webhooks/", 2, TimeSpan.FromMilliseconds(200));
        var slow = await host.CommandAsync(PlaygroundSeed.AdaId, "slow");
        Assert.Equal("Finally done.", (await slow.WaitForOriginalResponseAsync(m => !m.IsLoading, BotTestHost.Patience)).Content);
        Assert.Equal(4, fake.Counters.RateLimitedResponses);

        // A storm longer than the retry cap (3): the bot gives up instead of hammering the route.
        fake.InjectRateLimit("^POST /interactions/", 100, TimeSpan.FromMilliseconds(100));
        var stormed = await host.CommandAsync(PlaygroundSeed.AdaId, "paper info", new Dictionary<string, object?> { ["paper"] = "adam" });
        // Once the dispatcher has given the interaction up (every round of tries spent), nothing more is sent.
        var deadline = DateTime.UtcNow + BotTestHost.Patience;
        while (fake.Counters.RateLimitedResponses <= 4)
        {
            Assert.True(DateTime.UtcNow < deadline, "the bot never met the storm");
            await Task.Delay(50);
        }

        await host.Bot.Services.GetRequiredService<InteractionDispatcher>().DrainAsync().WaitAsync(BotTestHost.Patience);
        var afterStorm = fake.Counters.RateLimitedResponses - 4;
        Assert.False(stormed.Callback.IsCompleted);
        Assert.InRange(afterStorm, 4, 12);
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.Equal(afterStorm, fake.Counters.RateLimitedResponses - 4);
        Assert.Equal(1, fake.ConnectedGatewayClients);
    }

    [Fact]
    public async Task Malformed_interactions_are_answered_with_an_error_or_ignored_and_the_bot_keeps_working()
    {
        await using var host = await BotTestHost.StartAsync();
        var template = (await host.CommandAsync(PlaygroundSeed.AdaId, "paper info", new Dictionary<string, object?> { ["paper"] = "bert" })).Payload;

        // An unknown command name: an ephemeral "don't know" answer.
        var unknown = await InjectAsync(host, template, p => p["data"]!["name"] = "no-such-command");
        var unknownAnswer = await BotTestHost.AnswerOfAsync(unknown);
        Assert.True(unknownAnswer.IsEphemeral);
        Assert.Contains("don't know the command", unknownAnswer.Content);

        // An option of the wrong JSON type: treated as missing, with a clear message.
        var wrongType = await InjectAsync(host, template, p => p["data"]!["options"]![0]!["options"]![0]!["value"] = 42);
        var wrongTypeAnswer = await BotTestHost.AnswerOfAsync(wrongType);
        Assert.True(wrongTypeAnswer.IsEphemeral);
        Assert.StartsWith("⚠️", wrongTypeAnswer.Content);

        // A command interaction without data: answered with an ephemeral error, never a crash.
        var noData = await InjectAsync(host, template, p => p.Remove("data"));
        var noDataAnswer = await BotTestHost.AnswerOfAsync(noData);
        Assert.True(noDataAnswer.IsEphemeral);

        // Structurally broken (member is a string, type unknown): nothing to answer, nothing must break.
        await InjectAsync(host, template, p =>
        {
            p["member"] = "not an object";
            p["type"] = 99;
        });

        var still = await host.AskAsync(PlaygroundSeed.AdaId, "paper info", new Dictionary<string, object?> { ["paper"] = "adamw" });
        Assert.Equal("Decoupled Weight Decay Regularization", still.EmbedTitle);
        Assert.Equal(1, host.Fake.Counters.Identifies);
        Assert.Equal(1, host.Fake.ConnectedGatewayClients);
    }

    private static Task<FakeDiscord.FakeInteractionHandle> InjectAsync(BotTestHost host, JsonObject template, Action<JsonObject> change)
    {
        var payload = (JsonObject)template.DeepClone();
        payload.Remove("id");
        payload.Remove("token");
        change(payload);
        return host.Fake.InjectRawInteractionAsync(payload);
    }
}
