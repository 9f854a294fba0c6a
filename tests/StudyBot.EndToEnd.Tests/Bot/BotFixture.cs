using StudyBot.Playground;

namespace StudyBot.EndToEnd.Tests.Bot;

/// <summary>One bot and fake shared by the tests of a class (each test uses its own papers or members where state matters).</summary>
public sealed class BotFixture : IAsyncLifetime
{
    private BotTestHost? _host;

    public BotTestHost Host => _host ?? throw new InvalidOperationException("The fixture has not started.");

    public async Task InitializeAsync()
    {
        _host = await BotTestHost.StartAsync();
        try
        {
            // One read-only command first: the first interaction of a fresh process pays for JIT and first-use setup,
            // which on a loaded two-core machine can eat the 3-second window of whichever test happens to run first.
            await _host.AskAsync(PlaygroundSeed.AdaId, "queue list");
        }
        catch (TimeoutException)
        {
            // Only a warm-up; the tests report real failures themselves.
        }
    }

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }
}
