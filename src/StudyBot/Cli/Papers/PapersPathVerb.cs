using System.Text.Json;

namespace StudyBot.Cli.Papers;

public sealed class PapersPathVerb : ICliVerb
{
    public string Name => "papers path";

    public string Summary => "Print a reading order in which every paper comes after its prerequisites.";

    public string Usage => "[<slug>] [--json] [--papers DIR]";

    public async Task<int> RunAsync(CliArguments arguments, CliConsole console, CancellationToken cancellationToken)
    {
        var json = arguments.Flag("json");
        var load = PaperLibraryCli.Load(arguments, console);
        var target = arguments.Positionals.Count > 0 ? arguments.Positionals[0] : null;
        arguments.EnsureAllConsumed(maxPositionals: 1);
        if (target is not null && load.Library.Find(target) is null)
        {
            await console.Error.WriteLineAsync($"No paper '{target}' in the library.");
            return 1;
        }

        var path = load.Library.ReadingPath(target is null ? null : load.Library.Find(target)!.Slug);
        if (json)
        {
            await console.Out.WriteLineAsync(JsonSerializer.Serialize(path.Select(p => p.Slug), CliJson.Options));
            return 0;
        }

        for (var i = 0; i < path.Count; i++)
        {
            var paper = path[i];
            var after = paper.Prerequisites.Count == 0 ? "" : $"  (after {string.Join(", ", paper.Prerequisites)})";
            await console.Out.WriteLineAsync($"{i + 1,2}. {paper.Slug} — {paper.Title} ({paper.Year}){after}");
        }

        return 0;
    }
}
