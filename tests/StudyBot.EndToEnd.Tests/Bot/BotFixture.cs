namespace StudyBot.EndToEnd.Tests.Bot;

/// <summary>One bot and fake shared by the tests of a class (each test uses its own papers or members where state matters).</summary>
public sealed class BotFixture : IAsyncLifetime
{
    private BotTestHost? _host;

    public BotTestHost Host => _host ?? throw new InvalidOperationException("The fixture has not started.");

    public async Task InitializeAsync() => _host = await BotTestHost.StartAsync();

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }
}
