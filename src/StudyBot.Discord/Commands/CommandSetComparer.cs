using System.Text.Json;
using StudyBot.Discord.Json;

namespace StudyBot.Discord.Commands;

/// <summary>
/// Decides whether the declared commands match what Discord has: both sides are normalised (server-filled fields
/// dropped, defaults made explicit-or-absent the same way, sorted by type and name) and compared as JSON.
/// </summary>
internal static class CommandSetComparer
{
    public static bool AreEquivalent(IReadOnlyList<ApplicationCommand> declared, IReadOnlyList<ApplicationCommand> existing)
    {
        if (declared.Count != existing.Count)
        {
            return false;
        }

        var declaredByKey = declared.ToDictionary(Key);
        var normalisedExisting = existing.Select(command =>
            declaredByKey.TryGetValue(Key(command), out var twin) ? Normalise(command, twin) : Normalise(command, command));
        return Serialise(declared.Select(c => Normalise(c, c))) == Serialise(normalisedExisting);
    }

    private static string Key(ApplicationCommand command) => $"{(int)(command.Type ?? ApplicationCommandType.ChatInput)}:{command.Name}";

    // `reference` is the declared twin: fields it leaves unset are server defaults we do not manage.
    private static ApplicationCommand Normalise(ApplicationCommand command, ApplicationCommand reference) => command with
    {
        Id = null,
        Version = null,
        Type = command.Type ?? ApplicationCommandType.ChatInput,
        Description = command.Description ?? "",
        Options = NormaliseOptions(command.Options),
        DefaultMemberPermissions = command.DefaultMemberPermissions,
        Nsfw = command.Nsfw == true ? true : null,
        Contexts = reference.Contexts is null ? null : command.Contexts,
    };

    private static List<ApplicationCommandOption>? NormaliseOptions(IReadOnlyList<ApplicationCommandOption>? options) =>
        options is null || options.Count == 0
            ? null
            : options.Select(o => o with
            {
                Required = o.Required == true ? true : null,
                Autocomplete = o.Autocomplete == true ? true : null,
                Choices = o.Choices is { Count: > 0 } ? o.Choices : null,
                ChannelTypes = o.ChannelTypes is { Count: > 0 } ? o.ChannelTypes : null,
                Options = NormaliseOptions(o.Options),
            }).ToList();

    private static string Serialise(IEnumerable<ApplicationCommand> commands) =>
        JsonSerializer.Serialize(commands.OrderBy(c => (int)c.Type!.Value).ThenBy(c => c.Name, StringComparer.Ordinal).ToList(), DiscordJsonContext.Default.ListApplicationCommand);
}
