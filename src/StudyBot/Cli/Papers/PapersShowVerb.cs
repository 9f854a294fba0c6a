using StudyBot.Core.Rendering;

namespace StudyBot.Cli.Papers;

public sealed class PapersShowVerb : ICliVerb
{
    public string Name => "papers show";

    public string Summary => "Show one paper's note as the bot would post it in Discord.";

    public string Usage => "<slug|arxiv-id> [--papers DIR]";

    public async Task<int> RunAsync(CliArguments arguments, CliConsole console, CancellationToken cancellationToken)
    {
        var load = PaperLibraryCli.Load(arguments, console);
        var key = arguments.Positional(0, "slug|arxiv-id");
        arguments.EnsureAllConsumed(maxPositionals: 1);
        var paper = load.Library.Find(key);
        if (paper is null)
        {
            var suggestions = load.Library.Search(key, 3).Select(p => p.Slug).ToList();
            await console.Error.WriteLineAsync(
                $"No paper '{key}' in the library." + (suggestions.Count > 0 ? $" Did you mean: {string.Join(", ", suggestions)}?" : ""));
            return 1;
        }

        var card = PaperCardRenderer.RenderCard(paper);
        await console.Out.WriteLineAsync($"# {card.Title}");
        await console.Out.WriteLineAsync(card.Description);
        foreach (var field in card.Fields)
        {
            await console.Out.WriteLineAsync($"{field.Name}: {field.Value}");
        }

        foreach (var message in PaperCardRenderer.RenderNote(paper))
        {
            await console.Out.WriteLineAsync();
            await console.Out.WriteLineAsync(message);
        }

        return 0;
    }
}
