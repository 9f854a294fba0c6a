using StudyBot.Cli;
using StudyBot.EndToEnd.Tests.Bot;
using StudyBot.FakeDiscord;
using StudyBot.Playground;

namespace StudyBot.EndToEnd.Tests.Playground;

/// <summary>
/// The playground as a newcomer meets it: headless Chromium on the page, the real bot behind the fake Discord,
/// exactly as `studybot playground` starts it (its demo club on
/// <see cref="BotTestHost.QuietDemoClub"/>'s weekday, so no pick takes the paper the member queues).
/// </summary>
[Trait("Category", SystemChromium.TestCategory)]
public sealed class PlaygroundWithTheRealBot(PlaygroundBrowserFixture browser) : IClassFixture<PlaygroundBrowserFixture>
{
    /// <summary>These tests are about the page and the bot together, not Discord's 3 s, and share the machine with
    /// Chromium: a fresh bot's first answers may come late, and the fake and page accept them.</summary>
    private static readonly TimeSpan LateAnswersAccepted = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_member_looks_up_a_paper_queues_and_votes_for_one_and_answers_the_rsvp_buttons()
    {
        await using var fake = await FakeDiscordServer.StartAsync(new FakeDiscordOptions { CallbackDeadline = LateAnswersAccepted });
        PlaygroundSeed.Apply(fake);
        var data = Directory.CreateTempSubdirectory("studybot-playground-").FullName;
        await using var host = await PlaygroundHost.StartAsync(new PlaygroundOptions { Port = 0, InteractionWait = TimeSpan.FromSeconds(10) }, fake);
        var bot = await PlaygroundVerb.StartBotAsync(fake, data, [.. BotTestHost.CommonOverrides], CancellationToken.None, BotTestHost.QuietDemoClub());
        try
        {
            await using var page = await PlaygroundPage.OpenAsync(browser.Browser.Context, host.Url);

            await page.RunCommandAsync("paper info", new Dictionary<string, string> { ["paper"] = "lora" });
            var info = await page.WaitForMessageAsync(m => m.Command == "/paper info" && m.EmbedTitles.Count == 1);
            Assert.Contains("LoRA", info.EmbedTitles[0], StringComparison.Ordinal);

            await page.ChooseCommandAsync("queue add");
            await page.PickAutocompleteAsync("paper", "attent", "Attention Is All You Need (2017)");
            await page.SendAsync();
            var added = await page.WaitForMessageAsync(m => m.Command == "/queue add");
            Assert.Contains("Attention Is All You Need", added.Text, StringComparison.Ordinal);

            await page.ChooseCommandAsync("queue vote");
            await page.PickAutocompleteAsync("paper", "atten", (await page.AutocompleteAsync("paper", "atten"))[0]);
            await page.SendAsync();
            var voted = await page.WaitForMessageAsync(m => m.Command == "/queue vote");
            Assert.True(voted.IsEphemeral);
            Assert.Contains("1 vote", voted.Text, StringComparison.Ordinal);

            await page.RunCommandAsync("club next");
            await page.WaitForMessageAsync(m => m.Command == "/club next" && m.Buttons.Contains("Going"));
            await page.ClickButtonAsync("Going", inMessageWith: "Next paper club session");
            var rsvp = await page.WaitForMessageAsync(m => m.IsEphemeral && m.Text.Contains("going", StringComparison.OrdinalIgnoreCase) && m.Id != voted.Id);
            Assert.Contains("1 going", rsvp.Text, StringComparison.Ordinal);

            await page.SwitchMemberAsync("Grace");
            var asGrace = await page.ReadMessagesAsync();
            Assert.DoesNotContain(asGrace, m => m.Id == voted.Id || m.Id == rsvp.Id);

            await page.ScreenshotAsync(Screenshots.PathFor("playground-real-bot.png"));
            Assert.Empty(page.Errors);
        }
        finally
        {
            await bot.StopAsync();
            await bot.DisposeAsync();
            Directory.Delete(data, recursive: true);
        }
    }

    [Fact]
    public async Task A_member_fine_tunes_the_tiny_model_from_the_page_and_finds_the_loss_curve_and_adapter_in_the_results_thread()
    {
        await using var fake = await FakeDiscordServer.StartAsync(new FakeDiscordOptions { CallbackDeadline = LateAnswersAccepted });
        PlaygroundSeed.Apply(fake);
        var data = Directory.CreateTempSubdirectory("studybot-playground-").FullName;
        await using var host = await PlaygroundHost.StartAsync(new PlaygroundOptions { Port = 0, InteractionWait = TimeSpan.FromSeconds(10) }, fake);
        var bot = await PlaygroundVerb.StartBotAsync(fake, data, [.. BotTestHost.CommonOverrides], CancellationToken.None, BotTestHost.QuietDemoClub());
        try
        {
            await using var page = await PlaygroundPage.OpenAsync(browser.Browser.Context, host.Url);

            // The playground made a tiny base model on first start; autocomplete offers it.
            await page.ChooseCommandAsync("finetune start");
            await page.PickAutocompleteAsync("model", "tiny", (await page.AutocompleteAsync("model", "tiny")).Single(c => c.StartsWith("tiny-gpt2", StringComparison.Ordinal)));
            await page.SetOptionAsync("steps", "20");
            await page.SendAsync();

            var finished = await page.WaitForMessageAsync(m => m.Command == "/finetune start" && m.Text.Contains("finished", StringComparison.Ordinal), TimeSpan.FromMinutes(4));
            Assert.Contains("Sample again", finished.Buttons);
            var thread = await page.WaitForMessageAsync(m => m.Thread is not null && m.Thread.Contains("results", StringComparison.Ordinal), TimeSpan.FromSeconds(30));

            await page.OpenChannelAsync(thread.Thread!);
            var results = await page.WaitForMessageAsync(m => m.Attachments.Contains("adapter.zip"), TimeSpan.FromSeconds(30));
            Assert.Contains(results.EmbedTexts, t => t.Contains("Validation loss", StringComparison.Ordinal));
            // The loss curve is the results embed's image (attachment://loss.png), loaded from the playground.
            var curve = page.Page.Locator("#messages .embed-image img").First;
            await curve.WaitForAsync();
            Assert.EndsWith("loss.png", await curve.GetAttributeAsync("src"), StringComparison.Ordinal);
            var size = await curve.EvaluateAsync<int>("img => img.complete ? img.naturalWidth : -1");
            Assert.True(size > 0, "the loss curve is shown as an image");
            var download = await page.Page.RunAndWaitForDownloadAsync(() => page.Page.Locator("#messages .attachment-file a.download").First.ClickAsync());
            Assert.Equal("adapter.zip", download.SuggestedFilename);
            await page.ScreenshotAsync(Screenshots.PathFor("playground-finetune.png"));
            Assert.Empty(page.Errors);
        }
        finally
        {
            await bot.StopAsync();
            await bot.DisposeAsync();
            Directory.Delete(data, recursive: true);
        }
    }
}
