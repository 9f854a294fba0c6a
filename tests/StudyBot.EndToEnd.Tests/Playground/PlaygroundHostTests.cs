using System.Text.Json.Nodes;
using StudyBot.FakeDiscord;
using StudyBot.Playground;

namespace StudyBot.EndToEnd.Tests.Playground;

/// <summary>The playground page in headless Chromium against the fake Discord, with the bot's side played by hand.</summary>
[Trait("Category", SystemChromium.TestCategory)]
public sealed class PlaygroundHostTests(PlaygroundBrowserFixture browser) : IClassFixture<PlaygroundBrowserFixture>
{
    [Fact]
    public async Task Slash_command_picked_from_suggestions_reaches_the_fake_as_an_interaction_from_the_current_member()
    {
        await using var world = await PlaygroundTestWorld.StartAsync();
        await world.RegisterCommandsAsync(SampleCommands.All());
        await using var page = await world.OpenPageAsync(browser.Browser);

        var offered = await page.TypeAsync("/");
        Assert.Contains("/paper info", offered);
        Assert.Contains("/queue add", offered);
        Assert.Contains("/queue list", offered);
        Assert.DoesNotContain("/club schedule", offered); // Ada lacks MANAGE_GUILD, so Discord would not offer it
        Assert.Equal(["/queue add", "/queue list"], await page.TypeAsync("/qu"));

        var interaction = await world.NextInteractionAsync(2, () => page.RunCommandAsync("queue add",
            new Dictionary<string, string> { ["title"] = "Attention Is All You Need", ["priority"] = "Soon" }));

        var payload = interaction.Payload;
        Assert.Equal(PlaygroundSeed.AdaId.ToString(), payload["member"]!["user"]!["id"]!.GetValue<string>());
        Assert.Equal(PlaygroundSeed.PaperClubChannelId.ToString(), payload["channel_id"]!.GetValue<string>());
        Assert.Equal("queue", payload["data"]!["name"]!.GetValue<string>());
        var sub = payload["data"]!["options"]![0]!;
        Assert.Equal("add", sub["name"]!.GetValue<string>());
        var values = sub["options"]!.AsArray().ToDictionary(o => o!["name"]!.GetValue<string>(), o => o!["value"]!.GetValue<string>());
        Assert.Equal("Attention Is All You Need", values["title"]);
        Assert.Equal("soon", values["priority"]);

        // Nobody answers (no bot here): like Discord, the page says so, to Ada only.
        var notice = await page.WaitForMessageAsync(m => m.IsLocalNotice && m.Command == "/queue add", PlaygroundTestWorld.InteractionWait + TimeSpan.FromSeconds(20));
        Assert.Contains("did not respond", notice.Text);
        Assert.Empty(page.Errors);
    }

    [Fact]
    public async Task Bot_reply_appears_live_with_markdown_timestamps_and_who_used_the_command()
    {
        await using var world = await PlaygroundTestWorld.StartAsync();
        await world.RegisterCommandsAsync(SampleCommands.All());
        await using var page = await world.OpenPageAsync(browser.Browser);
        await using var bot = world.AnswerInteractions(2, _ => new JsonObject
        {
            ["type"] = 4,
            ["data"] = new JsonObject
            {
                ["content"] = "**Queue** — next session <t:1767225600:F> (<t:1767225600:R>)\n- one `code`\n- two *italic*",
            },
        });

        await page.RunCommandAsync("queue list");

        var reply = await page.WaitForMessageAsync(m => m.Command == "/queue list");
        Assert.Equal("Ada", reply.UsedBy);
        Assert.StartsWith("Queue", reply.Text);
        Assert.Equal("Queue", await page.Page.Locator("#messages .message-content strong").First.InnerTextAsync());
        Assert.Equal(2, await page.Page.Locator("#messages .message-content ul > li").CountAsync());
        Assert.Equal("code", await page.Page.Locator("#messages .message-content code").First.InnerTextAsync());
        // 2026-01-01T00:00Z rendered in the browser's locale (en-GB, UTC), not left as <t:…>.
        Assert.Equal("Thursday, 1 January 2026 at 00:00",
            await page.Page.Locator("#messages time.md-timestamp[data-style='F']").First.InnerTextAsync());
        Assert.DoesNotContain("<t:", reply.Text);
        Assert.Empty(page.Errors);
    }

    [Fact]
    public async Task Bot_message_with_embed_and_button_is_shown_and_clicking_the_button_sends_a_component_interaction()
    {
        await using var world = await PlaygroundTestWorld.StartAsync();
        await using var page = await world.OpenPageAsync(browser.Browser);

        await world.Bot.PostMessageAsync(PlaygroundSeed.PaperClubChannelId, SessionAnnouncement());
        var shown = await page.WaitForMessageAsync(m => m.EmbedTitles.Contains("Session: LoRA"));
        Assert.Contains("Going", shown.Buttons);
        Assert.Contains("Closed", shown.DisabledButtons);
        Assert.Contains("Low-rank adaptation", string.Join(" ", shown.EmbedTexts));

        var click = await world.NextInteractionAsync(3, () => page.ClickButtonAsync("Going", inMessageWith: "Session: LoRA"));
        Assert.Equal("rsvp:going", click.Payload["data"]!["custom_id"]!.GetValue<string>());
        Assert.Equal(PlaygroundSeed.AdaId.ToString(), click.Payload["member"]!["user"]!["id"]!.GetValue<string>());

        // The bot updates the message (callback 7); the page shows the edit live.
        await world.Bot.RespondAsync(click, new JsonObject
        {
            ["type"] = 7,
            ["data"] = new JsonObject
            {
                ["content"] = "1 going: Ada",
                ["components"] = Buttons(("Going", "rsvp:going", 3, true), ("Closed", "rsvp:closed", 2, true)),
            },
        });
        var edited = await page.WaitForMessageAsync(m => m.Text == "1 going: Ada");
        Assert.Contains("Going", edited.DisabledButtons);
        Assert.Null(edited.Failure);
        Assert.Empty(page.Errors);
    }

    [Fact]
    public async Task Switching_member_changes_who_acts_and_which_commands_are_offered()
    {
        await using var world = await PlaygroundTestWorld.StartAsync();
        await world.RegisterCommandsAsync(SampleCommands.All());
        await using var page = await world.OpenPageAsync(browser.Browser);
        Assert.Equal("Ada", await page.CurrentMemberAsync());
        Assert.DoesNotContain("/club schedule", await page.TypeAsync("/cl"));

        await page.SwitchMemberAsync("Grace");

        Assert.Equal(["/club schedule"], await page.TypeAsync("/cl"));
        var interaction = await world.NextInteractionAsync(2, () => page.RunCommandAsync("club schedule",
            new Dictionary<string, string> { ["weeks"] = "2" }));
        Assert.Equal(PlaygroundSeed.GraceId.ToString(), interaction.Payload["member"]!["user"]!["id"]!.GetValue<string>());
        var permissions = ulong.Parse(interaction.Payload["member"]!["permissions"]!.GetValue<string>());
        Assert.Equal(8UL, permissions & 8);
        Assert.Equal(2, interaction.Payload["data"]!["options"]![0]!["options"]![0]!["value"]!.GetValue<long>());
    }

    [Fact]
    public async Task Autocomplete_choices_come_from_real_autocomplete_interactions_and_the_chosen_value_is_sent()
    {
        await using var world = await PlaygroundTestWorld.StartAsync();
        await world.RegisterCommandsAsync(SampleCommands.All());
        await using var page = await world.OpenPageAsync(browser.Browser);
        var papers = new Dictionary<string, string>
        {
            ["Attention Is All You Need"] = "transformer",
            ["LoRA: Low-Rank Adaptation"] = "lora",
            ["Adam: A Method for Stochastic Optimization"] = "adam",
        };
        var typed = new List<string>();
        await using var bot = world.AnswerInteractions(4, interaction =>
        {
            var focused = interaction.Payload["data"]!["options"]![0]!["options"]!.AsArray()
                .First(o => o!["focused"]?.GetValue<bool>() == true)!["value"]!.GetValue<string>();
            lock (typed)
            {
                typed.Add(focused);
            }
            return new JsonObject
            {
                ["type"] = 8,
                ["data"] = new JsonObject
                {
                    ["choices"] = new JsonArray([.. papers
                        .Where(p => p.Key.Contains(focused, StringComparison.OrdinalIgnoreCase))
                        .Select(p => (JsonNode)new JsonObject { ["name"] = p.Key, ["value"] = p.Value })]),
                },
            };
        });

        await page.ChooseCommandAsync("paper info");
        var choices = await page.AutocompleteAsync("title", "ada");
        Assert.Equal(["LoRA: Low-Rank Adaptation", "Adam: A Method for Stochastic Optimization"], choices);
        await page.PickAutocompleteAsync("title", "atten", "Attention Is All You Need");
        var command = await world.NextInteractionAsync(2, page.SendAsync);

        Assert.Equal("transformer", command.Payload["data"]!["options"]![0]!["options"]![0]!["value"]!.GetValue<string>());
        lock (typed)
        {
            Assert.Contains("atten", typed);
        }
    }

    [Fact]
    public async Task Ephemeral_reply_is_shown_only_to_the_member_who_ran_the_command()
    {
        await using var world = await PlaygroundTestWorld.StartAsync();
        await world.RegisterCommandsAsync(SampleCommands.All());
        await using var page = await world.OpenPageAsync(browser.Browser);
        await using var bot = world.AnswerInteractions(2, _ => new JsonObject
        {
            ["type"] = 4,
            ["data"] = new JsonObject { ["content"] = "Your queue position: 3", ["flags"] = 64 },
        });

        await page.RunCommandAsync("queue list");
        var reply = await page.WaitForMessageAsync(m => m.Text == "Your queue position: 3");
        Assert.True(reply.IsEphemeral);
        Assert.Equal(1, await page.Page.GetByText("Only you can see this").CountAsync());

        await page.SwitchMemberAsync("Grace");
        Assert.DoesNotContain(await page.ReadMessagesAsync(), m => m.Text == "Your queue position: 3");

        await page.SwitchMemberAsync("Ada");
        await page.WaitForMessageAsync(m => m.Text == "Your queue position: 3");
    }

    [Fact]
    public async Task Modal_answer_opens_a_dialog_whose_submit_is_a_modal_interaction()
    {
        await using var world = await PlaygroundTestWorld.StartAsync();
        await world.RegisterCommandsAsync(SampleCommands.All());
        await using var page = await world.OpenPageAsync(browser.Browser);
        await using var bot = world.AnswerInteractions(2, _ => new JsonObject
        {
            ["type"] = 9,
            ["data"] = new JsonObject
            {
                ["custom_id"] = "queue:why",
                ["title"] = "Why this paper?",
                ["components"] = new JsonArray
                {
                    new JsonObject
                    {
                        ["type"] = 18,
                        ["label"] = "Reason",
                        ["component"] = new JsonObject { ["type"] = 4, ["custom_id"] = "reason", ["style"] = 2, ["required"] = true },
                    },
                },
            },
        });

        await page.RunCommandAsync("queue add", new Dictionary<string, string> { ["title"] = "QLoRA" });
        Assert.Equal("Why this paper?", await page.WaitForModalAsync());
        var submit = await world.NextInteractionAsync(5, () => page.SubmitModalAsync(new Dictionary<string, string> { ["Reason"] = "Cheap fine-tuning" }));

        Assert.Equal("queue:why", submit.Payload["data"]!["custom_id"]!.GetValue<string>());
        Assert.Contains("Cheap fine-tuning", submit.Payload["data"]!["components"]!.ToJsonString());
    }

    [Fact]
    public async Task Attachment_option_is_uploaded_through_the_file_picker_and_resolved_in_the_interaction()
    {
        await using var world = await PlaygroundTestWorld.StartAsync();
        await world.RegisterCommandsAsync(SampleCommands.All());
        await using var page = await world.OpenPageAsync(browser.Browser);

        await page.ChooseCommandAsync("paper import");
        await page.SetFileOptionAsync("file", "lora.md", "# LoRA\n"u8.ToArray(), "text/markdown");
        var interaction = await world.NextInteractionAsync(2, page.SendAsync);

        var id = interaction.Payload["data"]!["options"]![0]!["options"]![0]!["value"]!.GetValue<string>();
        Assert.Equal("lora.md", interaction.Payload["data"]!["resolved"]!["attachments"]![id]!["filename"]!.GetValue<string>());
        Assert.Equal("# LoRA\n"u8.ToArray(), world.Fake.GetAttachment(ulong.Parse(id))!.Content.ToArray());
    }

    [Fact]
    public async Task Files_images_and_threads_posted_by_the_bot_are_shown_and_the_thread_opens()
    {
        await using var world = await PlaygroundTestWorld.StartAsync();
        await using var page = await world.OpenPageAsync(browser.Browser);

        var posted = await world.Bot.PostMessageWithFilesAsync(PlaygroundSeed.PaperClubChannelId,
            new JsonObject { ["content"] = "Loss curve and notes" },
            ("loss.png", SampleImages.LossCurvePng(), "image/png"), ("notes.txt", "step,loss\n1,2.5\n"u8.ToArray(), "text/plain"));
        await world.Bot.StartThreadAsync(PlaygroundSeed.PaperClubChannelId, ulong.Parse(posted["id"]!.GetValue<string>()), "LoRA discussion");
        var threadId = ulong.Parse(posted["id"]!.GetValue<string>());
        await world.Bot.PostMessageAsync(threadId, new JsonObject { ["content"] = "What rank did you use?" });

        var shown = await page.WaitForMessageAsync(m => m.Text == "Loss curve and notes" && m.Thread == "LoRA discussion");
        Assert.Equal(["loss.png", "notes.txt"], shown.Attachments);
        var size = await page.Page.Locator("#messages .attachment-image img").EvaluateAsync<int>("img => img.complete ? img.naturalWidth : -1");
        Assert.True(size > 0, "the image attachment is loaded from the playground");
        var download = await page.Page.RunAndWaitForDownloadAsync(() => page.Page.Locator("#messages .attachment-file a.download").ClickAsync());
        Assert.Equal("notes.txt", download.SuggestedFilename);

        Assert.Contains("LoRA discussion", await page.ChannelNamesAsync());
        await page.OpenChannelAsync("LoRA discussion");
        await page.WaitForMessageAsync(m => m.Text == "What rank did you use?");
    }

    [Fact]
    public async Task Screenshot_of_a_lively_channel_is_saved_to_docs()
    {
        await using var world = await PlaygroundTestWorld.StartAsync();
        await world.RegisterCommandsAsync(SampleCommands.All());
        await using var page = await world.OpenPageAsync(browser.Browser);
        await using var bot = world.AnswerInteractions(2, _ => new JsonObject
        {
            ["type"] = 4,
            ["data"] = new JsonObject
            {
                ["embeds"] = new JsonArray
                {
                    new JsonObject
                    {
                        ["title"] = "LoRA: Low-Rank Adaptation of Large Language Models",
                        ["url"] = "https://arxiv.org/abs/2106.09685",
                        ["color"] = 0x5865F2,
                        ["description"] = "Freeze the pretrained weights and learn a **low-rank update** `ΔW = BA` instead.\n- trains ~10,000× fewer parameters\n- no extra inference latency after merging",
                        ["fields"] = new JsonArray
                        {
                            new JsonObject { ["name"] = "arXiv", ["value"] = "[2106.09685](https://arxiv.org/abs/2106.09685)", ["inline"] = true },
                            new JsonObject { ["name"] = "Year", ["value"] = "2021", ["inline"] = true },
                            new JsonObject { ["name"] = "Read first", ["value"] = "Transformer, Adam", ["inline"] = true },
                        },
                        ["footer"] = new JsonObject { ["text"] = "Paper Club library" },
                    },
                },
            },
        });

        await world.Bot.PostMessageAsync(PlaygroundSeed.PaperClubChannelId, SessionAnnouncement());
        await page.WaitForMessageAsync(m => m.EmbedTitles.Contains("Session: LoRA"));
        await page.RunCommandAsync("paper info", new Dictionary<string, string> { ["title"] = "lora" });
        await page.WaitForMessageAsync(m => m.Command == "/paper info" && m.EmbedTitles.Count == 1);
        await page.TypeAsync("/queue");
        await page.Page.Locator("#suggestions .suggestion").First.WaitForAsync();

        var path = Screenshots.PathFor("playground.png");
        await page.ScreenshotAsync(path);
        Assert.True(new FileInfo(path).Length > 10_000);
        Assert.Empty(page.Errors);
    }

    private static JsonObject SessionAnnouncement()
    {
        var start = DateTimeOffset.UtcNow.AddDays(3).ToUnixTimeSeconds() / 3600 * 3600;
        return new JsonObject
        {
        ["content"] = "Next session is up — **RSVP** below!",
        ["embeds"] = new JsonArray
        {
            new JsonObject
            {
                ["title"] = "Session: LoRA",
                ["description"] = $"Low-rank adaptation of large language models.\nStarts <t:{start}:F> (<t:{start}:R>)",
                ["color"] = 0x57F287,
                ["fields"] = new JsonArray
                {
                    new JsonObject { ["name"] = "Presenter", ["value"] = "Grace", ["inline"] = true },
                    new JsonObject { ["name"] = "Going", ["value"] = "0", ["inline"] = true },
                },
                ["footer"] = new JsonObject { ["text"] = "Reminder 1 hour before" },
            },
        },
        ["components"] = Buttons(("Going", "rsvp:going", 3, false), ("Can't make it", "rsvp:no", 2, false), ("Closed", "rsvp:closed", 2, true)),
        };
    }

    private static JsonArray Buttons(params (string Label, string CustomId, int Style, bool Disabled)[] buttons) =>
    [
        new JsonObject
        {
            ["type"] = 1,
            ["components"] = new JsonArray([.. buttons.Select(b => (JsonNode)new JsonObject
            {
                ["type"] = 2, ["label"] = b.Label, ["custom_id"] = b.CustomId, ["style"] = b.Style, ["disabled"] = b.Disabled,
            })]),
        },
    ];
}
