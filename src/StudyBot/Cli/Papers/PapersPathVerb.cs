using System.Text.Json;

namespace StudyBot.Cli.Papers;

public sealed class PapersPathVerb : ICliVerb
{
    public string Name => "papers path";

    public string Summary => "Print a reading order in which every paper comes after its prerequisites; exit 1 if any note has a problem.";

    public string Usage => "[<slug>] [--json] [--papers DIR]";

    public async Task<int> RunAsync(CliArguments arguments, CliConsole console, CancellationToken cancellationToken)
    {
        var json = arguments.Flag("json");
        var load = PaperLibraryCli.Load(arguments, console, problemsAreErrors: true);
        var target = arguments.Positionals.Count > 0 ? arguments.Positionals[0] : null;
        arguments.EnsureAllConsumed(maxPositionals: 1);
        if (load.Problems.Count > 0)
        {
            // A path over what happened to load would silently skip the notes left out (e.g. a prerequisite cycle).
            await console.Error.WriteLineAsync(
                $"No reading path: the library has {load.Problems.Count} problem(s), listed above with their files. Fix them and run again.");
            return 1;
        }

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
