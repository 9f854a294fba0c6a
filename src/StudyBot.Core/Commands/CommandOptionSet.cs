namespace StudyBot.Core.Commands;

/// <summary>The leaf options of a request, with typed accessors that fail with a member-facing message.</summary>
public sealed class CommandOptionSet
{
    private readonly Dictionary<string, CommandOptionValue> _byName;

    public CommandOptionSet(IEnumerable<CommandOptionValue> values)
    {
        Values = values.ToList();
        _byName = new Dictionary<string, CommandOptionValue>(StringComparer.Ordinal);
        foreach (var value in Values)
        {
            _byName[value.Name] = value;
        }
    }

    public static CommandOptionSet Empty { get; } = new([]);

    public IReadOnlyList<CommandOptionValue> Values { get; }

    public bool Contains(string name) => _byName.ContainsKey(name);

    public string GetString(string name) => Required<string>(name);

    public string? GetOptionalString(string name) => Optional<string>(name);

    public long GetInt64(string name) => Required<long>(name);

    public long? GetOptionalInt64(string name) => OptionalValue<long>(name);

    public bool GetBoolean(string name) => Required<bool>(name);

    public bool? GetOptionalBoolean(string name) => OptionalValue<bool>(name);

    public double GetDouble(string name) => _byName.TryGetValue(name, out var v) && v.Value is long l ? l : Required<double>(name);

    public double? GetOptionalDouble(string name) => _byName.TryGetValue(name, out var v) && v.Value is long l ? l : OptionalValue<double>(name);

    /// <summary>A user, channel, role or mentionable id.</summary>
    public ulong GetSnowflake(string name) => Required<ulong>(name);

    public ulong? GetOptionalSnowflake(string name) => OptionalValue<ulong>(name);

    public CommandAttachment GetAttachment(string name) => Required<CommandAttachment>(name);

    public CommandAttachment? GetOptionalAttachment(string name) => Optional<CommandAttachment>(name);

    private T Required<T>(string name)
        where T : notnull
    {
        if (!_byName.TryGetValue(name, out var value))
        {
            throw new CommandInputException($"The option `{name}` is required.");
        }

        return value.Value is T typed ? typed : throw WrongType(name);
    }

    private T? Optional<T>(string name)
        where T : class
    {
        if (!_byName.TryGetValue(name, out var value))
        {
            return null;
        }

        return value.Value as T ?? throw WrongType(name);
    }

    private T? OptionalValue<T>(string name)
        where T : struct
    {
        if (!_byName.TryGetValue(name, out var value))
        {
            return null;
        }

        return value.Value is T typed ? typed : throw WrongType(name);
    }

    private static CommandInputException WrongType(string name) =>
        new($"The option `{name}` has a value of the wrong kind.");
}
