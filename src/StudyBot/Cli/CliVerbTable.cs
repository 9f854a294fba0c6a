using System.Collections;

namespace StudyBot.Cli;

/// <summary>
/// The verbs of the command line. <see cref="RunAsync"/> picks the verb whose name matches the most leading
/// words of the arguments, so "bench lora" and "bench interactions" can live beside each other.
/// </summary>
public sealed class CliVerbTable : IEnumerable<ICliVerb>
{
    private readonly List<ICliVerb> _verbs = [];

    public void Add(ICliVerb verb) => _verbs.Add(verb);

    public IEnumerator<ICliVerb> GetEnumerator() => _verbs.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public async Task<int> RunAsync(string[] args, CliConsole console, CancellationToken cancellationToken)
    {
        if (args.Length == 0 || args[0] is "help" or "--help" or "-h")
        {
            WriteHelp(console.Out);
            return args.Length == 0 ? 2 : 0;
        }

        var verb = Match(args, out var consumedWords);
        if (verb is null)
        {
            var group = _verbs.Where(v => v.Name.StartsWith(args[0] + " ", StringComparison.Ordinal)).ToList();
            if (group.Count > 0)
            {
                return await GroupWithoutSubcommandAsync(args, group, console);
            }

            await console.Error.WriteLineAsync($"studybot: unknown command '{string.Join(' ', args.TakeWhile(a => !a.StartsWith('-')))}'.");
            WriteHelp(console.Error);
            return 2;
        }

        try
        {
            var arguments = new CliArguments(args[consumedWords..]);
            if (arguments.Flag("help"))
            {
                await console.Out.WriteLineAsync($"usage: studybot {verb.Name} {verb.Usage}\n  {verb.Summary}");
                return 0;
            }

            return await verb.RunAsync(arguments, console, cancellationToken);
        }
        catch (CliUsageException e)
        {
            await console.Error.WriteLineAsync($"studybot {verb.Name}: {e.Message}");
            await console.Error.WriteLineAsync($"usage: studybot {verb.Name} {verb.Usage}");
            return 2;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            await console.Error.WriteLineAsync($"studybot {verb.Name}: {e.Message}");
            return 1;
        }
    }

    /// <summary>
    /// A group's name (e.g. <c>papers</c>, <c>bench</c>) without one of its subcommands: with <c>--help</c> its
    /// subcommands are listed (exit 0); bare or with an unknown subcommand, the same list is a usage error (exit 2).
    /// </summary>
    private static async Task<int> GroupWithoutSubcommandAsync(string[] args, IReadOnlyList<ICliVerb> group, CliConsole console)
    {
        var name = args[0];
        if (args.Skip(1).Any(a => a is "--help" or "-h") || args.Skip(1).FirstOrDefault() == "help")
        {
            WriteGroupHelp(console.Out, name, group);
            return 0;
        }

        var rest = args.Skip(1).FirstOrDefault();
        await console.Error.WriteLineAsync(rest is null
            ? $"studybot {name}: missing subcommand."
            : $"studybot {name}: unknown subcommand '{rest}'.");
        WriteGroupHelp(console.Error, name, group);
        return 2;
    }

    private static void WriteGroupHelp(TextWriter writer, string name, IReadOnlyList<ICliVerb> group)
    {
        writer.WriteLine($"usage: studybot {name} <subcommand> [options]   (studybot {name} <subcommand> --help for details)");
        writer.WriteLine();
        var width = group.Max(v => v.Name.Length);
        foreach (var verb in group)
        {
            writer.WriteLine($"  {verb.Name.PadRight(width)}  {verb.Summary}");
        }
    }

    private ICliVerb? Match(string[] args, out int consumedWords)
    {
        ICliVerb? best = null;
        consumedWords = 0;
        foreach (var verb in _verbs)
        {
            var words = verb.Name.Split(' ');
            if (words.Length > consumedWords && words.Length <= args.Length &&
                words.Select((w, i) => string.Equals(w, args[i], StringComparison.Ordinal)).All(x => x))
            {
                best = verb;
                consumedWords = words.Length;
            }
        }

        return best;
    }

    private void WriteHelp(TextWriter writer)
    {
        writer.WriteLine("usage: studybot <command> [options]   (studybot <command> --help for details)");
        writer.WriteLine();
        var width = _verbs.Max(v => v.Name.Length);
        foreach (var verb in _verbs)
        {
            writer.WriteLine($"  {verb.Name.PadRight(width)}  {verb.Summary}");
        }
    }
}
