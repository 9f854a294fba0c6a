using System.Globalization;

namespace StudyBot.Cli;

/// <summary>
/// The arguments after a verb's name: positionals plus <c>--name value</c> / <c>--name=value</c> options and
/// <c>--flag</c> switches. Every option must be consumed by the verb; <see cref="EnsureAllConsumed"/> rejects
/// typos instead of silently ignoring them.
/// </summary>
public sealed class CliArguments
{
    private readonly Dictionary<string, string?> _options = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<string?>> _repeated = new(StringComparer.Ordinal);
    private readonly HashSet<string> _consumed = new(StringComparer.Ordinal);
    private readonly List<string> _positionals = [];

    public CliArguments(IReadOnlyList<string> arguments)
    {
        for (var i = 0; i < arguments.Count; i++)
        {
            var argument = arguments[i];
            if (argument == "--")
            {
                _positionals.AddRange(arguments.Skip(i + 1));
                break;
            }

            if (!argument.StartsWith("--", StringComparison.Ordinal) || argument.Length == 2)
            {
                _positionals.Add(argument);
                continue;
            }

            var name = argument[2..];
            string? value = null;
            var equals = name.IndexOf('=', StringComparison.Ordinal);
            if (equals >= 0)
            {
                value = name[(equals + 1)..];
                name = name[..equals];
            }
            else if (i + 1 < arguments.Count && !arguments[i + 1].StartsWith("--", StringComparison.Ordinal))
            {
                value = arguments[++i];
            }

            if (!_options.TryAdd(name, value))
            {
                // Allowed only for options a verb reads with Values(); everywhere else it is an error.
                (_repeated.TryGetValue(name, out var more) ? more : _repeated[name] = []).Add(value);
            }
        }
    }

    public IReadOnlyList<string> Positionals => _positionals;

    public string Positional(int index, string name) =>
        index < _positionals.Count ? _positionals[index] : throw new CliUsageException($"Missing <{name}>.");

    public bool Flag(string name)
    {
        if (!_options.TryGetValue(name, out var value))
        {
            return false;
        }

        ThrowIfRepeated(name);
        _consumed.Add(name);
        if (value is null)
        {
            return true;
        }

        // A flag followed by a positional was parsed as "--flag value": give the positional back.
        if (bool.TryParse(value, out var parsed))
        {
            return parsed;
        }

        _positionals.Add(value);
        return true;
    }

    public string? Option(string name)
    {
        if (!_options.TryGetValue(name, out var value))
        {
            return null;
        }

        ThrowIfRepeated(name);
        _consumed.Add(name);
        return value ?? throw new CliUsageException($"--{name} needs a value.");
    }

    /// <summary>Every value of an option that may be given more than once (e.g. <c>--prompt a --prompt b</c>), in order.</summary>
    public IReadOnlyList<string> Values(string name)
    {
        if (!_options.TryGetValue(name, out var first))
        {
            return [];
        }

        _consumed.Add(name);
        IEnumerable<string?> all = [first, .. _repeated.GetValueOrDefault(name) ?? []];
        return all.Select(v => v ?? throw new CliUsageException($"--{name} needs a value.")).ToList();
    }

    public string RequiredOption(string name) =>
        Option(name) ?? throw new CliUsageException($"--{name} is required.");

    public int? IntOption(string name, int min = int.MinValue, int max = int.MaxValue) =>
        Parse(name, s => int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : (int?)null, min, max);

    public long? LongOption(string name, long min = long.MinValue, long max = long.MaxValue) =>
        Parse(name, s => long.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : (long?)null, min, max);

    public double? DoubleOption(string name, double min = double.MinValue, double max = double.MaxValue) =>
        Parse(name, s => double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && double.IsFinite(v) ? v : (double?)null, min, max);

    /// <summary>Options no verb code asked for, marked consumed; for verbs that hand them to the host's configuration.</summary>
    public IReadOnlyList<KeyValuePair<string, string?>> RemainingOptions()
    {
        var remaining = _options.Where(o => !_consumed.Contains(o.Key)).ToList();
        foreach (var option in remaining)
        {
            ThrowIfRepeated(option.Key);
        }

        _consumed.UnionWith(remaining.Select(o => o.Key));
        return remaining;
    }

    /// <summary>Throws when an option was given that no verb code asked for (usually a typo).</summary>
    public void EnsureAllConsumed(int maxPositionals = 0)
    {
        var unknown = _options.Keys.Where(k => !_consumed.Contains(k)).Select(k => "--" + k).ToList();
        if (unknown.Count > 0)
        {
            throw new CliUsageException($"Unknown option{(unknown.Count > 1 ? "s" : "")}: {string.Join(", ", unknown)}.");
        }

        if (_positionals.Count > maxPositionals)
        {
            throw new CliUsageException($"Unexpected argument '{_positionals[maxPositionals]}'.");
        }
    }

    private void ThrowIfRepeated(string name)
    {
        if (_repeated.ContainsKey(name))
        {
            throw new CliUsageException($"--{name} was given more than once.");
        }
    }

    private T? Parse<T>(string name, Func<string, T?> parse, T min, T max)
        where T : struct, IComparable<T>
    {
        var text = Option(name);
        if (text is null)
        {
            return null;
        }

        var value = parse(text) ?? throw new CliUsageException($"--{name} must be a number, not '{text}'.");
        if (value.CompareTo(min) < 0 || value.CompareTo(max) > 0)
        {
            throw new CliUsageException($"--{name} must be between {min} and {max} (got {text}).");
        }

        return value;
    }
}
