using StudyBot.Playground;

namespace StudyBot.EndToEnd.Tests.Bot;

/// <summary>
/// /queue add with an arXiv id that is not in the library, through the real gateway and REST, with the bot's
/// <c>Arxiv:BaseUrl</c> pointed at a loopback stand-in for the arXiv API: a paper arXiv knows is queued under its
/// title; when arXiv rate-limits or cannot be reached, the paper is still queued by its id with metadata pending;
/// an id arXiv has no paper for is refused.
/// </summary>
[Collection(BotCollection.Name)]
public sealed class QueueArxivTests(QueueArxivTests.ArxivBot bot) : IClassFixture<QueueArxivTests.ArxivBot>
{
    private const ulong Ada = PlaygroundSeed.AdaId;

    private LoopbackArxivApi Arxiv => bot.Arxiv;

    private BotTestHost Host => bot.Host;

    [Fact]
    public async Task Paper_found_on_arxiv_is_queued_under_its_title()
    {
        const string Title = "Llama 2: Open Foundation and Fine-Tuned Chat Models";
        Arxiv.Knows("2307.09288", Title, "Hugo Touvron", "Louis Martin");

        var added = await Host.AskAsync(Ada, "queue add", Paper("2307.09288"));

        Assert.False(added.IsEphemeral, added.AllText);
        Assert.Equal($"Added **{Title}** to the reading queue. Vote for it with `/queue vote`.", added.Content);
        Assert.Contains("2307.09288", Arxiv.RequestedIds);
        var line = await QueueLineAsync(Title);
        Assert.Contains("`2307.09288`", line);
        Assert.DoesNotContain("metadata pending", line);
    }

    [Fact]
    public async Task Paper_arxiv_refuses_to_describe_is_queued_by_its_id_with_metadata_pending()
    {
        Arxiv.RateLimits("2401.04088");

        var added = await Host.AskAsync(Ada, "queue add", Paper("2401.04088"));

        Assert.False(added.IsEphemeral, added.AllText);
        Assert.StartsWith("Added **arXiv:2401.04088** to the reading queue.", added.Content);
        Assert.Contains("_Title and authors are pending (arXiv is limiting requests right now", added.Content);
        Assert.Contains("it is queued by its id._", added.Content);
        Assert.Contains("2401.04088", Arxiv.RequestedIds);
        Assert.Contains("metadata pending", await QueueLineAsync("arXiv:2401.04088"));
    }

    [Fact]
    public async Task Paper_whose_lookup_cannot_reach_arxiv_is_queued_by_its_id_with_metadata_pending()
    {
        Arxiv.DropsConnection("2312.00752");

        var added = await Host.AskAsync(Ada, "queue add", Paper("2312.00752"));

        Assert.False(added.IsEphemeral, added.AllText);
        Assert.StartsWith("Added **arXiv:2312.00752** to the reading queue.", added.Content);
        Assert.Contains("_Title and authors are pending (could not reach arXiv", added.Content);
        Assert.Contains("metadata pending", await QueueLineAsync("arXiv:2312.00752"));
    }

    [Fact]
    public async Task Paper_arxiv_has_no_entry_for_is_refused_and_not_queued()
    {
        // Ids the loopback arXiv was not told about get the API's empty feed: arXiv has no such paper.
        var added = await Host.AskAsync(Ada, "queue add", Paper("2502.99999"));

        Assert.True(added.IsEphemeral, added.AllText);
        Assert.Contains("arXiv has no paper with id `2502.99999`; check the id.", added.Content, StringComparison.Ordinal);
        Assert.Contains("2502.99999", Arxiv.RequestedIds);
        var list = (await Host.AskAsync(Ada, "queue list")).AllText;
        Assert.DoesNotContain("2502.99999", list, StringComparison.Ordinal);
    }

    private async Task<string> QueueLineAsync(string title)
    {
        var lines = (await Host.AskAsync(Ada, "queue list")).EmbedDescription.Split('\n');
        var line = lines.FirstOrDefault(l => l.Contains($"**{title}**", StringComparison.Ordinal));
        Assert.True(line is not null, $"{title} is not in the queue:\n{string.Join('\n', lines)}");
        return line;
    }

    private static Dictionary<string, object?> Paper(string id) => new() { ["paper"] = id };

    /// <summary>The loopback arXiv API and one bot pointed at it, shared by the tests (each asks for its own id).</summary>
    public sealed class ArxivBot : IAsyncLifetime
    {
        private LoopbackArxivApi? _arxiv;
        private BotTestHost? _host;

        internal LoopbackArxivApi Arxiv => _arxiv ?? throw new InvalidOperationException("The fixture has not started.");

        public BotTestHost Host => _host ?? throw new InvalidOperationException("The fixture has not started.");

        public async Task InitializeAsync()
        {
            _arxiv = await LoopbackArxivApi.StartAsync();
            // No spacing between requests: each test asks for a different id, once.
            _host = await BotTestHost.StartAsync(overrides: [$"--Arxiv:BaseUrl={_arxiv.QueryUrl}", "--Arxiv:MinInterval=00:00:00"]);
            try
            {
                // Warm-up, as in BotFixture: the first interaction of a fresh process pays for JIT.
                await _host.AskAsync(Ada, "queue list");
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

            if (_arxiv is not null)
            {
                await _arxiv.DisposeAsync();
            }
        }
    }
}
