namespace StudyBot.Core.Commands;

/// <summary>A top-level slash command, declared once and used both for registration and for routing.</summary>
/// <param name="DefaultMemberPermissions">Permission bits a member needs to see the command by default (Discord's
/// <c>default_member_permissions</c>); null for everyone. Handlers check permissions at run time regardless.</param>
public sealed record CommandDeclaration(
    string Name,
    string Description,
    IReadOnlyList<CommandOptionDeclaration> Options,
    ulong? DefaultMemberPermissions = null)
{
    /// <summary>The declaration of the subcommand (or the command itself) a path like "queue add" names; null if
    /// the path does not exist.</summary>
    public IReadOnlyList<CommandOptionDeclaration>? FindLeafOptions(string commandPath)
    {
        var parts = commandPath.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length == 0 || parts[0] != Name)
        {
            return null;
        }

        var options = Options;
        foreach (var part in parts.Skip(1))
        {
            var next = options.FirstOrDefault(o => o.IsSubcommandOrGroup && o.Name == part);
            if (next is null)
            {
                return null;
            }

            options = next.Options ?? [];
        }

        // A path that stops at a command with subcommands is not a leaf.
        return options.Any(o => o.IsSubcommandOrGroup) ? null : options;
    }
}
