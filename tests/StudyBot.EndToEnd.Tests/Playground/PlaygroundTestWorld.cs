using System.Text.Json.Nodes;
using StudyBot.FakeDiscord;
using StudyBot.FakeDiscord.Model;
using StudyBot.Playground;

namespace StudyBot.EndToEnd.Tests.Playground;

/// <summary>A fake Discord seeded like the playground, the playground page over it, and the bot's REST side played by
/// hand — everything a page test needs except the browser.</summary>
public sealed class PlaygroundTestWorld : IAsyncDisposable
{
    private PlaygroundTestWorld(FakeDiscordServer fake, PlaygroundHost host)
    {
        Fake = fake;
        Host = host;
        Bot = new FakeBotRest(fake);
    }

    /// <summary>How long the page waits for the (test-played) bot's answer before it says the bot did not respond.</summary>
    public static readonly TimeSpan InteractionWait = TimeSpan.FromSeconds(8);

    public FakeDiscordServer Fake { get; }

    public PlaygroundHost Host { get; }

    public FakeBotRest Bot { get; }

    public static async Task<PlaygroundTestWorld> StartAsync()
    {
        // The test plays the bot, and a test thread on a machine also running Chromium may answer after Discord's
        // 3 s: the fake accepts late answers and the page waits longer for them than it would for a real bot.
        var fake = await FakeDiscordServer.StartAsync(new FakeDiscordOptions { Port = 0, CallbackDeadline = TimeSpan.FromSeconds(30) });
        try
        {
            PlaygroundSeed.Apply(fake);
            var host = await PlaygroundHost.StartAsync(new PlaygroundOptions { Port = 0, InteractionWait = InteractionWait }, fake);
            return new PlaygroundTestWorld(fake, host);
        }
        catch
        {
            await fake.DisposeAsync();
            throw;
        }
    }

    public Task<PlaygroundPage> OpenPageAsync(SystemChromium browser) => PlaygroundPage.OpenAsync(browser.Context, Host.Url);

    /// <summary>Registers commands for the playground guild the way the bot does at start (guild bulk overwrite).</summary>
    public Task RegisterCommandsAsync(JsonArray commands) => Bot.RegisterGuildCommandsAsync(PlaygroundSeed.GuildId, commands);

    /// <summary>Waits for the next interaction of <paramref name="type"/> (2 command, 3 component, 4 autocomplete, 5 modal
    /// submit) created after this call.</summary>
    public async Task<FakeInteractionHandle> NextInteractionAsync(int type, Func<Task> action, TimeSpan? timeout = null)
    {
        var after = LastEventSequence();
        await action();
        var evt = await Fake.WaitForEventAsync(
            e => e.Sequence > after && e.Kind == FakeEventKinds.InteractionCreated && e.Payload?["type"]?.GetValue<int>() == type,
            timeout ?? TimeSpan.FromSeconds(10));
        return Fake.GetInteraction(evt.InteractionId!.Value)!;
    }

    /// <summary>Plays the bot for interactions of <paramref name="type"/> until disposed: each one gets <paramref name="answer"/>'s callback.</summary>
    public IAsyncDisposable AnswerInteractions(int type, Func<FakeInteractionHandle, JsonObject> answer)
    {
        var stop = new CancellationTokenSource();
        var after = LastEventSequence();
        var loop = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                var events = await Fake.WaitForEventsAsync(after, TimeSpan.FromSeconds(1), stop.Token);
                foreach (var e in events)
                {
                    after = e.Sequence;
                    if (e.Kind == FakeEventKinds.InteractionCreated && e.Payload?["type"]?.GetValue<int>() == type
                        && Fake.GetInteraction(e.InteractionId!.Value) is { } handle)
                    {
                        await Bot.RespondAsync(handle, answer(handle));
                    }
                }
            }
        });
        return new Responder(stop, loop);
    }

    public async ValueTask DisposeAsync()
    {
        Bot.Dispose();
        await Host.DisposeAsync();
        await Fake.DisposeAsync();
    }

    private long LastEventSequence() => Fake.GetEvents(0, int.MaxValue) is { Count: > 0 } all ? all[^1].Sequence : 0;

    private sealed class Responder(CancellationTokenSource stop, Task loop) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await stop.CancelAsync();
            try
            {
                await loop;
            }
            catch (OperationCanceledException)
            {
                // Stopped while waiting for the next interaction.
            }
            stop.Dispose();
        }
    }
}
