using System.Text.Json;
using StudyBot.Core.Papers;

namespace StudyBot.Cli.Papers;

public sealed class PapersListVerb : ICliVerb
{
    public string Name => "papers list";

    public string Summary => "List the papers of the library (--json for machine-readable output).";

    public string Usage => "[--json] [--papers DIR]";

    public async Task<int> RunAsync(CliArguments arguments, CliConsole console, CancellationToken cancellationToken)
    {
        var json = arguments.Flag("json");
        var load = PaperLibraryCli.Load(arguments, console);
        arguments.EnsureAllConsumed();
        var papers = load.Library.All;
        if (json)
        {
            var rows = papers.Select(p => new PaperListRow(
                p.Id, p.Slug, p.Title, p.Authors, p.Year, p.Url, p.Tags, p.Difficulty.ToString().ToLowerInvariant(),
                p.Prerequisites, p.EstimatedMinutes));
            await console.Out.WriteLineAsync(JsonSerializer.Serialize(rows, CliJson.Options));
            return 0;
        }

        var slugWidth = papers.Count == 0 ? 4 : papers.Max(p => p.Slug.Length);
        foreach (var paper in papers)
        {
            await console.Out.WriteLineAsync($"{paper.Slug.PadRight(slugWidth)}  {paper.Id,-10}  {paper.Year}  {paper.Title}");
        }

        await console.Out.WriteLineAsync($"{papers.Count} papers");
        return 0;
    }

    private sealed record PaperListRow(
        string Id, string Slug, string Title, IReadOnlyList<string> Authors, int Year, string Url,
        IReadOnlyList<string> Tags, string Difficulty, IReadOnlyList<string> Prerequisites, int EstimatedMinutes);
}
