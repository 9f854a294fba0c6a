namespace StudyBot.Benchmarks;

/// <summary>The command mix: mostly <c>/paper info</c> cycling through the library, every fifth a <c>/queue list</c>
/// (a database read), so both the catalog and the LiteDB path are exercised.</summary>
public static class InteractionBenchmarkWorkload
{
    public static (string Path, IReadOnlyDictionary<string, object?> Options) Command(int index, IReadOnlyList<string> paperSlugs) =>
        index % 5 == 4 || paperSlugs.Count == 0
            ? ("queue list", new Dictionary<string, object?>())
            : ("paper info", new Dictionary<string, object?> { ["paper"] = paperSlugs[index % paperSlugs.Count] });
}
