using System.Text.RegularExpressions;

namespace StudyBot.EndToEnd.Tests.Deployment;

/// <summary>A Dockerfile read just far enough to check what it refers to: stages, COPY sources, project paths.</summary>
internal sealed partial record Dockerfile(string Path, IReadOnlyList<Dockerfile.Stage> Stages)
{
    public static Dockerfile Parse(string path)
    {
        var stages = new List<Stage>();
        // Join continuation lines first so RUN commands split over lines are read whole.
        var text = File.ReadAllText(path).Replace("\\\n", " ", StringComparison.Ordinal);
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var space = line.IndexOf(' ', StringComparison.Ordinal);
            var instruction = (space < 0 ? line : line[..space]).ToUpperInvariant();
            var rest = space < 0 ? "" : line[(space + 1)..].Trim();
            if (instruction == "FROM")
            {
                var parts = rest.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                var name = parts.Length >= 3 && parts[1].Equals("AS", StringComparison.OrdinalIgnoreCase) ? parts[2] : null;
                stages.Add(new Stage(parts[0], name, new List<Instruction>()));
            }
            else if (stages.Count > 0)
            {
                ((List<Instruction>)stages[^1].Instructions).Add(new Instruction(instruction, rest));
            }
        }

        return new Dockerfile(path, stages);
    }

    /// <summary>Paths under src/ or tests/ named in RUN commands (project files and folders).</summary>
    public IEnumerable<string> ProjectPaths() => Stages
        .SelectMany(s => s.Instructions)
        .Where(i => i.Name == "RUN")
        .SelectMany(i => ProjectPath().Matches(i.Arguments).Select(m => m.Value));

    [GeneratedRegex(@"(?<![\w/])(src|tests)/[\w./-]+\.csproj")]
    private static partial Regex ProjectPath();

    internal sealed record Stage(string BaseImage, string? Name, IReadOnlyList<Instruction> Instructions);

    internal sealed record Instruction(string Name, string Arguments);
}
