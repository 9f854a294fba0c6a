using Microsoft.Extensions.DependencyInjection;
using StudyBot.Core.Commands;
using StudyBot.Core.FineTune;
using StudyBot.EndToEnd.Tests.Bot;
using StudyBot.EndToEnd.Tests.Playground;
using StudyBot.Playground;

namespace StudyBot.EndToEnd.Tests.FineTune;

/// <summary>
/// The bot's fine-tune notifier against the fake Discord's REST: what happens to a run's message when Discord says
/// the message, its channel or the interaction token is gone. The worker must get an outcome, never an exception,
/// and results must still reach the requester.
/// </summary>
[Collection(BotCollection.Name)]
public sealed class DiscordFineTuneNotifierTests(BotFixture fixture) : IClassFixture<BotFixture>
{
    private const ulong Channel = PlaygroundSeed.PaperClubChannelId;

    private BotTestHost Host => fixture.Host;

    private IFineTuneNotifier Notifier => Host.Bot.Services.GetRequiredService<IFineTuneNotifier>();

    [Fact]
    public async Task A_deleted_run_message_is_reported_gone_instead_of_being_edited_again_and_again()
    {
        var run = Run("n1", Channel);
        var posted = await Notifier.PostRunMessageAsync(run, CommandResponse.Text("Run n1 is queued"), CancellationToken.None);
        Assert.Equal("Run n1 is queued", Host.Fake.GetMessage(posted.MessageId!.Value)!.Content);

        var edited = await Notifier.UpdateRunMessageAsync(run, posted, CommandResponse.Text("Run n1 step 5"), CancellationToken.None);
        Assert.Equal(FineTuneEditStatus.Edited, edited.Status);
        Assert.Equal("Run n1 step 5", Host.Fake.GetMessage(posted.MessageId.Value)!.Content);

        using (var moderator = new FakeBotRest(Host.Fake))
        {
            await moderator.DeleteMessageAsync(Channel, posted.MessageId.Value);
        }

        var gone = await Notifier.UpdateRunMessageAsync(run, posted, CommandResponse.Text("Run n1 step 10"), CancellationToken.None);
        Assert.Equal(FineTuneEditStatus.Gone, gone.Status);
    }

    [Fact]
    public async Task A_message_in_a_channel_that_no_longer_exists_is_gone()
    {
        var run = Run("n2", 999_000_000_000_000_001);
        var target = new FineTuneMessageRef(run.ChannelId, 999_000_000_000_000_002, null, DateTimeOffset.UtcNow);

        var outcome = await Notifier.UpdateRunMessageAsync(run, target, CommandResponse.Text("step 1"), CancellationToken.None);

        Assert.Equal(FineTuneEditStatus.Gone, outcome.Status);
    }

    [Fact]
    public async Task An_interaction_token_Discord_no_longer_knows_falls_back_to_editing_the_message_by_id()
    {
        var run = Run("n3", Channel);
        var posted = await Notifier.PostRunMessageAsync(run, CommandResponse.Text("Run n3 is queued"), CancellationToken.None);
        var withDeadToken = posted with { InteractionToken = "not-a-token-discord-knows", CreatedAt = DateTimeOffset.UtcNow };

        var outcome = await Notifier.UpdateRunMessageAsync(run, withDeadToken, CommandResponse.Text("Run n3 step 7"), CancellationToken.None);

        Assert.Equal(FineTuneEditStatus.Edited, outcome.Status);
        Assert.Null(outcome.Message?.InteractionToken);
        Assert.Equal(posted.MessageId, outcome.Message?.MessageId);
        Assert.Equal("Run n3 step 7", Host.Fake.GetMessage(posted.MessageId!.Value)!.Content);
    }

    [Fact]
    public async Task Results_for_a_run_whose_message_was_deleted_are_posted_in_the_channel_instead_of_a_thread()
    {
        var run = Run("n4", Channel);
        var posted = await Notifier.PostRunMessageAsync(run, CommandResponse.Text("Run n4 is training"), CancellationToken.None);
        using (var moderator = new FakeBotRest(Host.Fake))
        {
            await moderator.DeleteMessageAsync(Channel, posted.MessageId!.Value);
        }

        await Notifier.PostResultAsync(run.AttachMessage(posted), CommandResponse.Text($"<@{PlaygroundSeed.AdaId}>, Run n4 finished: validation loss 5.1 → 4.2"), CancellationToken.None);

        var result = await Host.Fake.WaitForMessageAsync(m => m.Content.Contains("Run n4 finished", StringComparison.Ordinal), BotTestHost.Patience);
        Assert.Equal(Channel, result.ChannelId);
        Assert.DoesNotContain(Host.Fake.GetThreads(Channel), t => t.Name.Contains("n4", StringComparison.Ordinal));
    }

    private static FineTuneRun Run(string id, ulong channelId) => FineTuneRun.Request(
        id,
        PlaygroundSeed.GuildId,
        channelId,
        new FineTuneRequester(PlaygroundSeed.AdaId, "Ada"),
        new FineTuneRunSettings(
            "tiny-gpt2",
            new FineTuneDatasetSource(FineTuneDatasetKind.BuiltInSample, BuiltInDatasets.PaperClub, null, 1000),
            8, 16, ["c_attn"], 10, 1e-3, 64, 1234, null),
        new string('a', 64),
        DateTimeOffset.UtcNow);
}
