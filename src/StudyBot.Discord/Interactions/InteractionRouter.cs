using StudyBot.Discord.Rest;

namespace StudyBot.Discord.Interactions;

/// <summary>
/// An <see cref="IInteractionHandler"/> that routes by name: commands and autocomplete by full command name
/// ("club schedule set", falling back to "club schedule", then "club"), components and modals by the longest
/// matching <c>custom_id</c> prefix. Anything unrouted gets a polite ephemeral answer.
/// </summary>
public sealed class InteractionRouter : IInteractionHandler
{
    private readonly Dictionary<string, InteractionHandlerDelegate> commands = new(StringComparer.Ordinal);
    private readonly Dictionary<string, InteractionHandlerDelegate> autocompletes = new(StringComparer.Ordinal);
    private readonly List<(string Prefix, InteractionHandlerDelegate Handler)> components = [];
    private readonly List<(string Prefix, InteractionHandlerDelegate Handler)> modals = [];

    public InteractionRouter MapCommand(string fullName, InteractionHandlerDelegate handler)
    {
        commands.Add(fullName, handler);
        return this;
    }

    public InteractionRouter MapAutocomplete(string fullName, InteractionHandlerDelegate handler)
    {
        autocompletes.Add(fullName, handler);
        return this;
    }

    public InteractionRouter MapComponent(string customIdPrefix, InteractionHandlerDelegate handler)
    {
        components.Add((customIdPrefix, handler));
        return this;
    }

    public InteractionRouter MapModal(string customIdPrefix, InteractionHandlerDelegate handler)
    {
        modals.Add((customIdPrefix, handler));
        return this;
    }

    public Task HandleAsync(InteractionContext context, CancellationToken cancellationToken)
    {
        var interaction = context.Interaction;
        var handler = interaction.Type switch
        {
            InteractionType.ApplicationCommand => ByName(commands, interaction.Command!),
            InteractionType.ApplicationCommandAutocomplete => ByName(autocompletes, interaction.Command!),
            InteractionType.MessageComponent => ByPrefix(components, interaction.Component!.CustomId),
            InteractionType.ModalSubmit => ByPrefix(modals, interaction.Modal!.CustomId),
            _ => null,
        };

        if (handler is not null)
        {
            return handler(context, cancellationToken);
        }

        return interaction.Type switch
        {
            InteractionType.ApplicationCommandAutocomplete => context.AutocompleteAsync([], cancellationToken),
            InteractionType.ApplicationCommand => context.RespondAsync(InteractionReply.Text($"Unknown command '/{interaction.Command!.FullName}'.", ephemeral: true), cancellationToken),
            _ => context.RespondAsync(InteractionReply.Text("This control is no longer active.", ephemeral: true), cancellationToken),
        };
    }

    private static InteractionHandlerDelegate? ByName(Dictionary<string, InteractionHandlerDelegate> map, CommandData command)
    {
        foreach (var name in new[] { command.FullName, $"{command.Name} {command.SubcommandGroup}", command.Name })
        {
            if (map.TryGetValue(name, out var handler))
            {
                return handler;
            }
        }

        return null;
    }

    private static InteractionHandlerDelegate? ByPrefix(List<(string Prefix, InteractionHandlerDelegate Handler)> routes, string customId) =>
        routes.Where(r => customId.StartsWith(r.Prefix, StringComparison.Ordinal)).OrderByDescending(r => r.Prefix.Length).Select(r => r.Handler).FirstOrDefault();
}
