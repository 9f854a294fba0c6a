using System.Globalization;

namespace StudyBot.Core.Papers;

/// <summary>
/// The paper library: notes checked against each other (unique ids and slugs, known prerequisites, no prerequisite
/// cycles), searchable and ordered into reading paths. Immutable once built.
/// </summary>
public sealed class PaperLibrary : IPaperCatalog
{
    private readonly Dictionary<string, PaperNote> _byKey;
    private readonly Dictionary<string, PaperNote> _bySlug;

    private PaperLibrary(List<PaperNote> notes)
    {
        All = notes.OrderBy(n => n.Slug, StringComparer.Ordinal).ToList();
        _bySlug = All.ToDictionary(n => n.Slug, StringComparer.OrdinalIgnoreCase);
        _byKey = new Dictionary<string, PaperNote>(StringComparer.OrdinalIgnoreCase);
        foreach (var note in All)
        {
            _byKey[note.Slug] = note;
            _byKey[note.Id] = note;
        }
    }

    public static PaperLibrary Empty { get; } = new([]);

    public IReadOnlyList<PaperNote> All { get; }

    /// <summary>
    /// Builds a library from parsed notes. Rules, each reported as a <see cref="PaperLoadProblem"/>:
    /// a note whose id or slug is already taken (notes are considered in file-name order) is left out, naming both
    /// files; an unknown prerequisite is reported but the note is kept; notes on a prerequisite cycle are all left
    /// out, each problem naming every file of the cycle.
    /// </summary>
    public static PaperLibraryLoad Build(IEnumerable<PaperNote> notes)
    {
        ArgumentNullException.ThrowIfNull(notes);
        var problems = new List<PaperLoadProblem>();
        var accepted = RejectDuplicates(notes, problems);
        var cyclic = FindCycles(accepted, problems);
        accepted.RemoveAll(n => cyclic.Contains(n.Slug));

        var known = accepted.Select(n => n.Slug).ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var note in accepted)
        {
            foreach (var prerequisite in note.Prerequisites.Where(p => !known.Contains(p)))
            {
                var reason = cyclic.Contains(prerequisite)
                    ? $"prerequisite '{prerequisite}' was left out of the library because it is on a prerequisite cycle"
                    : $"unknown prerequisite '{prerequisite}': no note has that slug";
                problems.Add(new PaperLoadProblem(note.SourceFile, reason));
            }
        }

        return new PaperLibraryLoad(new PaperLibrary(accepted), problems);
    }

    public PaperNote? Find(string slugOrId)
    {
        if (string.IsNullOrWhiteSpace(slugOrId))
        {
            return null;
        }

        var key = slugOrId.Trim();
        if (_byKey.TryGetValue(key, out var note))
        {
            return note;
        }

        return ArxivId.TryParse(key, out var arxivId) && _byKey.TryGetValue(arxivId.Value, out note) ? note : null;
    }

    public IReadOnlyList<PaperNote> Search(string query, int limit)
    {
        if (string.IsNullOrWhiteSpace(query) || limit <= 0)
        {
            return [];
        }

        return All
            .Select(note => (note, score: PaperSearchScore.Of(note, query)))
            .Where(x => x.score > 0)
            .OrderByDescending(x => x.score)
            .ThenBy(x => x.note.Year)
            .ThenBy(x => x.note.Slug, StringComparer.Ordinal)
            .Take(limit)
            .Select(x => x.note)
            .ToList();
    }

    /// <summary>
    /// Kahn's topological order over prerequisites; among papers that are ready at the same time the older one comes
    /// first, then the smaller slug, so the path is the same on every run. An unknown target gives an empty path.
    /// </summary>
    public IReadOnlyList<PaperNote> ReadingPath(string? targetSlug = null)
    {
        IReadOnlyCollection<PaperNote> scope = All;
        if (targetSlug is not null)
        {
            var target = Find(targetSlug);
            if (target is null)
            {
                return [];
            }

            scope = Ancestry(target);
        }

        var inScope = scope.Select(n => n.Slug).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var waitingOn = scope.ToDictionary(
            n => n.Slug,
            n => n.Prerequisites.Count(p => inScope.Contains(p)),
            StringComparer.OrdinalIgnoreCase);
        var ready = new PriorityQueue<PaperNote, (int Year, string Slug)>(ReadyOrder.Instance);
        foreach (var note in scope.Where(n => waitingOn[n.Slug] == 0))
        {
            ready.Enqueue(note, (note.Year, note.Slug));
        }

        var path = new List<PaperNote>(scope.Count);
        while (ready.TryDequeue(out var next, out _))
        {
            path.Add(next);
            foreach (var dependent in scope.Where(n => n.Prerequisites.Contains(next.Slug, StringComparer.OrdinalIgnoreCase)))
            {
                if (--waitingOn[dependent.Slug] == 0)
                {
                    ready.Enqueue(dependent, (dependent.Year, dependent.Slug));
                }
            }
        }

        return path;
    }

    private List<PaperNote> Ancestry(PaperNote target)
    {
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var pending = new Stack<PaperNote>([target]);
        var result = new List<PaperNote>();
        while (pending.TryPop(out var note))
        {
            if (!seen.Add(note.Slug))
            {
                continue;
            }

            result.Add(note);
            foreach (var prerequisite in note.Prerequisites)
            {
                if (_bySlug.TryGetValue(prerequisite, out var required))
                {
                    pending.Push(required);
                }
            }
        }

        return result;
    }

    private static List<PaperNote> RejectDuplicates(IEnumerable<PaperNote> notes, List<PaperLoadProblem> problems)
    {
        var owners = new Dictionary<string, PaperNote>(StringComparer.OrdinalIgnoreCase);
        var accepted = new List<PaperNote>();
        foreach (var note in notes.OrderBy(n => n.SourceFile, StringComparer.Ordinal))
        {
            var clash = new[] { ("id", note.Id), ("slug", note.Slug) }
                .Select(k => (k.Item1, k.Item2, owner: owners.GetValueOrDefault(k.Item2)))
                .FirstOrDefault(k => k.owner is not null);
            if (clash.owner is { } owner)
            {
                problems.Add(new PaperLoadProblem(
                    note.SourceFile,
                    $"duplicate {clash.Item1} '{clash.Item2}': {owner.SourceFile} already uses it (kept {owner.SourceFile}, left out {note.SourceFile})"));
                continue;
            }

            owners[note.Id] = note;
            owners[note.Slug] = note;
            accepted.Add(note);
        }

        return accepted;
    }

    /// <summary>Tarjan's strongly connected components; every component with a cycle is reported and returned.</summary>
    private static HashSet<string> FindCycles(List<PaperNote> notes, List<PaperLoadProblem> problems)
    {
        var bySlug = notes.ToDictionary(n => n.Slug, StringComparer.OrdinalIgnoreCase);
        var index = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var lowLink = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var stack = new Stack<string>();
        var onStack = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var cyclic = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var counter = 0;

        IEnumerable<string> Edges(string slug) => bySlug[slug].Prerequisites.Where(bySlug.ContainsKey);

        void Visit(string slug)
        {
            index[slug] = lowLink[slug] = counter++;
            stack.Push(slug);
            onStack.Add(slug);
            foreach (var next in Edges(slug))
            {
                if (!index.TryGetValue(next, out var nextIndex))
                {
                    Visit(next);
                    lowLink[slug] = Math.Min(lowLink[slug], lowLink[next]);
                }
                else if (onStack.Contains(next))
                {
                    lowLink[slug] = Math.Min(lowLink[slug], nextIndex);
                }
            }

            if (lowLink[slug] != index[slug])
            {
                return;
            }

            var component = new List<string>();
            string member;
            do
            {
                member = stack.Pop();
                onStack.Remove(member);
                component.Add(member);
            }
            while (!string.Equals(member, slug, StringComparison.OrdinalIgnoreCase));

            var selfLoop = component.Count == 1 && Edges(slug).Contains(slug, StringComparer.OrdinalIgnoreCase);
            if (component.Count > 1 || selfLoop)
            {
                ReportCycle(component, bySlug, problems);
                cyclic.UnionWith(component);
            }
        }

        foreach (var note in notes.OrderBy(n => n.Slug, StringComparer.Ordinal))
        {
            if (!index.ContainsKey(note.Slug))
            {
                Visit(note.Slug);
            }
        }

        return cyclic;
    }

    private static void ReportCycle(List<string> component, Dictionary<string, PaperNote> bySlug, List<PaperLoadProblem> problems)
    {
        var members = component.ToHashSet(StringComparer.OrdinalIgnoreCase);
        var start = component.Min(StringComparer.Ordinal)!;
        var cycle = ShortestCycle(start, members, bySlug);
        var description = string.Join(" → ", cycle.Select(s => $"{bySlug[s].SourceFile} ({s})"));
        var others = component.Count - (cycle.Count - 1);
        var suffix = others > 0
            ? string.Create(CultureInfo.InvariantCulture, $"; {others} more note(s) are tangled in it: {string.Join(", ", component.Except(cycle).Order(StringComparer.Ordinal).Select(s => bySlug[s].SourceFile))}")
            : string.Empty;
        foreach (var slug in component.Order(StringComparer.Ordinal))
        {
            problems.Add(new PaperLoadProblem(
                bySlug[slug].SourceFile,
                $"prerequisite cycle (each note requires the next), so these notes were left out: {description}{suffix}"));
        }
    }

    /// <summary>Breadth-first search inside one component for the shortest way from start back to itself.</summary>
    private static List<string> ShortestCycle(string start, HashSet<string> members, Dictionary<string, PaperNote> bySlug)
    {
        var previous = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var queue = new Queue<string>([start]);
        while (queue.TryDequeue(out var current))
        {
            foreach (var next in bySlug[current].Prerequisites.Where(members.Contains).Order(StringComparer.Ordinal))
            {
                if (string.Equals(next, start, StringComparison.OrdinalIgnoreCase))
                {
                    var path = new List<string> { start };
                    for (var at = current; !string.Equals(at, start, StringComparison.OrdinalIgnoreCase); at = previous[at])
                    {
                        path.Insert(1, at);
                    }

                    path.Add(start);
                    return path;
                }

                if (previous.TryAdd(next, current))
                {
                    queue.Enqueue(next);
                }
            }
        }

        return [start, start];
    }

    private sealed class ReadyOrder : IComparer<(int Year, string Slug)>
    {
        public static readonly ReadyOrder Instance = new();

        public int Compare((int Year, string Slug) x, (int Year, string Slug) y) =>
            x.Year != y.Year ? x.Year.CompareTo(y.Year) : string.CompareOrdinal(x.Slug, y.Slug);
    }
}
