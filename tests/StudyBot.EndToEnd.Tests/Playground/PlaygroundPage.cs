using System.Text.Json;
using Microsoft.Playwright;

namespace StudyBot.EndToEnd.Tests.Playground;

/// <summary>
/// Drives the playground page the way a person would: type <c>/</c>, pick a command with the keyboard, fill options,
/// press Enter, click buttons by label, answer modals, switch member, read what the channel shows.
/// </summary>
public sealed class PlaygroundPage : IAsyncDisposable
{
    private static readonly TimeSpan DefaultWait = TimeSpan.FromSeconds(10);

    private PlaygroundPage(IPage page)
    {
        Page = page;
    }

    public IPage Page { get; }

    /// <summary>Browser console errors and uncaught exceptions seen so far (a healthy page has none).</summary>
    public List<string> Errors { get; } = [];

    public static async Task<PlaygroundPage> OpenAsync(IBrowserContext context, Uri url)
    {
        var page = await context.NewPageAsync();
        var playground = new PlaygroundPage(page);
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                playground.Errors.Add(message.Text);
            }
        };
        page.PageError += (_, error) => playground.Errors.Add(error);
        await page.GotoAsync(url.ToString());
        await page.WaitForSelectorAsync("body[data-ready='true']", new() { Timeout = Ms(DefaultWait) });
        return playground;
    }

    // ---------- composer ----------

    /// <summary>Types into the message box (clearing it first) and returns what the suggestion list then offers.</summary>
    public async Task<IReadOnlyList<string>> TypeAsync(string text)
    {
        var input = Page.Locator("#composer-input");
        await input.FillAsync("");
        await input.PressSequentiallyAsync(text);
        return await SuggestionsAsync();
    }

    /// <summary>The names in the open suggestion list (commands or autocomplete choices); empty when it is closed.</summary>
    public async Task<IReadOnlyList<string>> SuggestionsAsync()
    {
        try
        {
            await Page.Locator("#suggestions:not([hidden]) .suggestion").First.WaitForAsync(new() { Timeout = Ms(DefaultWait) });
        }
        catch (TimeoutException)
        {
            return [];
        }
        return await Page.Locator("#suggestions .suggestion-name").AllInnerTextsAsync();
    }

    /// <summary>Types <c>/</c> and picks <paramref name="commandPath"/> ("queue add") with ↓ and Enter.</summary>
    public async Task ChooseCommandAsync(string commandPath)
    {
        var wanted = "/" + commandPath;
        var offered = await TypeAsync("/");
        var index = offered.ToList().IndexOf(wanted);
        if (index < 0)
        {
            throw new InvalidOperationException($"'{wanted}' is not offered; the page offers: {string.Join(", ", offered)}.");
        }
        await PickSuggestionWithKeyboardAsync(index);
        await Page.Locator("#command-chip:not([hidden])").WaitForAsync(new() { Timeout = Ms(DefaultWait) });
    }

    /// <summary>Sets an option of the chosen command: text and numbers are typed, choices/members/channels/booleans are
    /// picked by their visible label.</summary>
    public async Task SetOptionAsync(string option, string value)
    {
        var control = Option(option);
        var tag = await control.EvaluateAsync<string>("e => e.tagName");
        if (tag == "SELECT")
        {
            await control.SelectOptionAsync(new SelectOptionValue { Label = value });
        }
        else
        {
            await control.FillAsync(value);
        }
    }

    /// <summary>Attaches a file to an ATTACHMENT option (uploaded through the page when the command is sent).</summary>
    public Task SetFileOptionAsync(string option, string fileName, byte[] content, string mimeType) =>
        Option(option).SetInputFilesAsync(new FilePayload { Name = fileName, Buffer = content, MimeType = mimeType });

    /// <summary>Types <paramref name="partial"/> into an autocomplete option and returns the choices the bot answered.</summary>
    public async Task<IReadOnlyList<string>> AutocompleteAsync(string option, string partial)
    {
        var control = Option(option);
        await control.FillAsync("");
        await control.PressSequentiallyAsync(partial);
        // Wait for the bot's answer to what is typed now, not a list left from earlier keystrokes.
        var escaped = partial.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal);
        await Page.Locator($"#option-fields [data-option='{option}'][data-choices-for=\"{escaped}\"]").WaitForAsync(new() { Timeout = Ms(DefaultWait) });
        return await SuggestionsAsync();
    }

    /// <summary>Types into an autocomplete option and picks the choice named <paramref name="choice"/> with the keyboard.</summary>
    public async Task PickAutocompleteAsync(string option, string partial, string choice)
    {
        var offered = await AutocompleteAsync(option, partial);
        var index = offered.ToList().IndexOf(choice);
        if (index < 0)
        {
            throw new InvalidOperationException($"'{choice}' is not among the autocomplete choices: {string.Join(", ", offered)}.");
        }
        await PickSuggestionWithKeyboardAsync(index);
    }

    /// <summary>Presses Enter in the composer, which sends the command.</summary>
    public async Task SendAsync()
    {
        var focused = await Page.EvaluateAsync<bool>("() => !!document.activeElement && !!document.activeElement.closest('#composer')");
        if (!focused)
        {
            await Page.Locator("#send-button").FocusAsync();
        }
        await Page.Keyboard.PressAsync("Enter");
    }

    /// <summary>Chooses a command, sets its options (by option name) and sends it.</summary>
    public async Task RunCommandAsync(string commandPath, IReadOnlyDictionary<string, string>? options = null)
    {
        await ChooseCommandAsync(commandPath);
        foreach (var (name, value) in options ?? new Dictionary<string, string>())
        {
            await SetOptionAsync(name, value);
        }
        await SendAsync();
    }

    /// <summary>The error line under the composer (empty when none).</summary>
    public async Task<string> ComposerErrorAsync() =>
        await Page.Locator("#composer-error").IsVisibleAsync() ? await Page.Locator("#composer-error").InnerTextAsync() : "";

    // ---------- messages ----------

    public async Task<IReadOnlyList<PlaygroundMessageView>> ReadMessagesAsync()
    {
        var json = await Page.EvaluateAsync<JsonElement>(ReadMessagesScript);
        return [.. json.EnumerateArray().Select(m => new PlaygroundMessageView(
            m.GetProperty("id").GetString()!,
            m.GetProperty("command").GetString(),
            m.GetProperty("usedBy").GetString(),
            m.GetProperty("text").GetString() ?? "",
            Strings(m, "embedTitles"),
            Strings(m, "embedTexts"),
            Strings(m, "buttons"),
            Strings(m, "disabledButtons"),
            Strings(m, "attachments"),
            m.GetProperty("ephemeral").GetBoolean(),
            m.GetProperty("local").GetBoolean(),
            m.GetProperty("thread").GetString(),
            m.GetProperty("failure").GetString()))];
    }

    /// <summary>Waits until some shown message satisfies <paramref name="predicate"/>.</summary>
    public async Task<PlaygroundMessageView> WaitForMessageAsync(Func<PlaygroundMessageView, bool> predicate, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? DefaultWait);
        IReadOnlyList<PlaygroundMessageView> last = [];
        while (DateTime.UtcNow < deadline)
        {
            last = await ReadMessagesAsync();
            if (last.FirstOrDefault(predicate) is { } match)
            {
                return match;
            }
            await Task.Delay(100);
        }
        throw new TimeoutException("No shown message matched; the page shows: "
            + string.Join(" | ", last.Select(m => $"[{m.Command}] {m.Text} {string.Join(",", m.EmbedTitles)} {string.Join(",", m.Buttons)}")));
    }

    /// <summary>Clicks the button labelled <paramref name="label"/> (in the newest message whose text or embeds contain
    /// <paramref name="inMessageWith"/>, when given).</summary>
    public async Task ClickButtonAsync(string label, string? inMessageWith = null)
    {
        var messages = Page.Locator("#messages > li.message");
        if (inMessageWith is not null)
        {
            messages = messages.Filter(new() { HasText = inMessageWith });
        }
        var button = messages.Last.Locator("button.component-button", new() { HasText = label }).First;
        await button.ClickAsync(new() { Timeout = Ms(DefaultWait) });
    }

    /// <summary>Chooses <paramref name="optionLabel"/> in the select menu with <paramref name="placeholder"/>.</summary>
    public Task SelectMenuAsync(string placeholder, string optionLabel) =>
        Page.Locator($"#messages select.component-select[aria-label='{placeholder}']").Last
            .SelectOptionAsync(new SelectOptionValue { Label = optionLabel });

    // ---------- modal ----------

    /// <summary>Waits for the bot's modal and returns its title.</summary>
    public async Task<string> WaitForModalAsync()
    {
        await Page.Locator("#modal[open]").WaitForAsync(new() { Timeout = Ms(DefaultWait) });
        return await Page.Locator("#modal-title").InnerTextAsync();
    }

    /// <summary>Fills the open modal's fields by their label and submits it.</summary>
    public async Task SubmitModalAsync(IReadOnlyDictionary<string, string> valuesByLabel)
    {
        var modal = Page.Locator("#modal");
        foreach (var (label, value) in valuesByLabel)
        {
            await modal.GetByLabel(label).FillAsync(value);
        }
        await modal.GetByRole(AriaRole.Button, new() { Name = "Submit" }).ClickAsync();
    }

    // ---------- navigation ----------

    /// <summary>Acts as another member ("Ada", "Grace").</summary>
    public async Task SwitchMemberAsync(string displayName)
    {
        var value = await Page.EvaluateAsync<string?>(
            "name => [...document.querySelectorAll('#member-select option')].find(o => o.textContent.startsWith(name))?.value", displayName)
            ?? throw new InvalidOperationException($"No member named {displayName} in the switcher.");
        await Page.Locator("#member-select").SelectOptionAsync(value);
        await Page.Locator("#me-name", new() { HasText = displayName }).WaitForAsync(new() { Timeout = Ms(DefaultWait) });
    }

    public async Task<string> CurrentMemberAsync() => await Page.Locator("#me-name").InnerTextAsync();

    /// <summary>Opens a channel or thread from the channel list by name.</summary>
    public async Task OpenChannelAsync(string name)
    {
        await Page.Locator($".channel-link[aria-label$=' {name}']").ClickAsync(new() { Timeout = Ms(DefaultWait) });
        await Page.Locator("#channel-title", new() { HasText = name }).WaitForAsync(new() { Timeout = Ms(DefaultWait) });
    }

    public async Task<IReadOnlyList<string>> ChannelNamesAsync() => await Page.Locator(".channel-link .channel-name").AllInnerTextsAsync();

    public Task ScreenshotAsync(string path) => Page.ScreenshotAsync(new() { Path = path });

    public async ValueTask DisposeAsync() => await Page.CloseAsync();

    private ILocator Option(string? name) => Page.Locator($"#option-fields [data-option='{name}']");

    private async Task PickSuggestionWithKeyboardAsync(int index)
    {
        // The first suggestion starts active; ↓ moves down the list, Enter picks.
        for (var i = 0; i < index; i++)
        {
            await Page.Keyboard.PressAsync("ArrowDown");
        }
        await Page.Keyboard.PressAsync("Enter");
    }

    private static IReadOnlyList<string> Strings(JsonElement m, string name) =>
        [.. m.GetProperty(name).EnumerateArray().Select(e => e.GetString() ?? "")];

    private static float Ms(TimeSpan t) => (float)t.TotalMilliseconds;

    private const string ReadMessagesScript = """
        () => [...document.querySelectorAll('#messages > li.message')].map(li => {
          const text = (sel) => { const n = li.querySelector(sel); return n ? n.innerText.trim() : null; };
          const all = (sel) => [...li.querySelectorAll(sel)].map(n => n.innerText.trim());
          return {
            id: li.dataset.messageId,
            command: text('.reply-command'),
            usedBy: text('.reply-user'),
            text: text('.message-content') || text('.notice-text') || text('.thinking') || '',
            embedTitles: all('.embed-title'),
            embedTexts: all('.embed'),
            buttons: all('button.component-button, a.component-button'),
            disabledButtons: [...li.querySelectorAll('button.component-button:disabled')].map(n => n.innerText.trim()),
            attachments: [...li.querySelectorAll('.attachment-file, .attachment-image')]
              .map(n => n.classList.contains('attachment-image') ? n.getAttribute('title') : n.querySelector('a[download]')?.getAttribute('download')),
            ephemeral: li.classList.contains('ephemeral'),
            local: li.classList.contains('local'),
            thread: text('.thread-chip strong'),
            failure: text('.interaction-failed'),
          };
        })
        """;
}
