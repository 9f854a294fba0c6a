namespace StudyBot.EndToEnd.Tests.Playground;

/// <summary>One Chromium per test class; each test gets its own fake, playground and page.</summary>
public sealed class PlaygroundBrowserFixture : IAsyncLifetime
{
    private SystemChromium? _browser;

    public SystemChromium Browser => _browser ?? throw new InvalidOperationException("The browser has not started.");

    public async Task InitializeAsync() => _browser = await SystemChromium.LaunchAsync();

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }
    }
}
