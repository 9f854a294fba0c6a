using System.Globalization;
using System.Text.Json;
using StudyBot.Discord.Commands;
using StudyBot.Discord.Rest;

namespace StudyBot.Discord.Interactions;

/// <summary>
/// An invoked application command with its subcommand path flattened: <c>/club schedule set when:…</c> has
/// <c>Name</c> "club", <c>SubcommandGroup</c> "schedule", <c>Subcommand</c> "set" and the leaf options.
/// Accessors throw <see cref="InteractionOptionException"/> with a message fit to show the member.
/// </summary>
public sealed record CommandData(
    ulong Id,
    string Name,
    ApplicationCommandType Type,
    string? SubcommandGroup,
    string? Subcommand,
    IReadOnlyList<CommandOption> Options,
    ResolvedData Resolved,
    ulong? TargetId)
{
    /// <summary>"name [group] [subcommand]", the key routers use.</summary>
    public string FullName => string.Join(' ', new[] { Name, SubcommandGroup, Subcommand }.Where(p => p is not null));

    public CommandOption? FocusedOption => Options.FirstOrDefault(o => o.Focused);

    public CommandOption? Find(string name) => Options.FirstOrDefault(o => o.Name == name);

    public bool Has(string name) => Find(name) is not null;

    public string GetString(string name) => TryGetString(name) ?? throw Missing(name);

    public string? TryGetString(string name) => Find(name) is { } option
        ? option.Value.ValueKind == JsonValueKind.String ? option.Value.GetString() : throw WrongType(name, "text")
        : null;

    public long GetInteger(string name) => TryGetInteger(name) ?? throw Missing(name);

    public long? TryGetInteger(string name)
    {
        if (Find(name) is not { } option)
        {
            return null;
        }

        if (option.Value.ValueKind == JsonValueKind.Number && option.Value.TryGetInt64(out var value))
        {
            return value;
        }

        // Autocomplete sends what the member has typed so far as a string.
        if (option.Value.ValueKind == JsonValueKind.String && long.TryParse(option.Value.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out value))
        {
            return value;
        }

        throw WrongType(name, "a whole number");
    }

    public double GetNumber(string name) => TryGetNumber(name) ?? throw Missing(name);

    public double? TryGetNumber(string name)
    {
        if (Find(name) is not { } option)
        {
            return null;
        }

        if (option.Value.ValueKind == JsonValueKind.Number)
        {
            return option.Value.GetDouble();
        }

        if (option.Value.ValueKind == JsonValueKind.String && double.TryParse(option.Value.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        throw WrongType(name, "a number");
    }

    public bool GetBoolean(string name) => TryGetBoolean(name) ?? throw Missing(name);

    public bool? TryGetBoolean(string name) => Find(name) is { } option
        ? option.Value.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw WrongType(name, "true or false"),
        }
        : null;

    /// <summary>The snowflake of a USER, CHANNEL, ROLE, MENTIONABLE or ATTACHMENT option.</summary>
    public ulong GetId(string name) => TryGetId(name) ?? throw Missing(name);

    public ulong? TryGetId(string name) => Find(name) is { } option
        ? option.Value.ValueKind == JsonValueKind.String && ulong.TryParse(option.Value.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            ? id
            : throw WrongType(name, "an id")
        : null;

    public DiscordUser GetUser(string name)
    {
        var id = GetId(name);
        return Resolved.Users.TryGetValue(id, out var user) ? user : new DiscordUser { Id = id };
    }

    public DiscordAttachment GetAttachment(string name) => TryGetAttachment(name) ?? throw Missing(name);

    public DiscordAttachment? TryGetAttachment(string name)
    {
        if (TryGetId(name) is not { } id)
        {
            return null;
        }

        return Resolved.Attachments.TryGetValue(id, out var attachment)
            ? attachment
            : throw new InteractionOptionException($"The file for option '{name}' was not included; please attach it again.");
    }

    private static InteractionOptionException Missing(string name) => new($"Option '{name}' is required.");

    private static InteractionOptionException WrongType(string name, string expected) => new($"Option '{name}' must be {expected}.");
}
