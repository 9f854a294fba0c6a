using System.Collections.Concurrent;
using StudyBot.Discord.Commands;
using StudyBot.Discord.Interactions;

namespace StudyBot.Discord.Tests.Support;

/// <summary>The app side for loopback tests: behaviour per command, and a record of what it was given.</summary>
public sealed class ScriptedInteractionHandler : IInteractionHandler
{
    public ConcurrentQueue<Interaction> Received { get; } = new();

    public TimeSpan SlowDelay { get; set; } = TimeSpan.FromSeconds(4);

    public async Task HandleAsync(InteractionContext context, CancellationToken cancellationToken)
    {
        Received.Enqueue(context.Interaction);
        switch (context.Command?.Name)
        {
            case "ping":
                await context.RespondAsync(InteractionReply.Text("pong"), cancellationToken);
                break;
            case "slow":
                await Task.Delay(SlowDelay, cancellationToken);
                await context.RespondAsync(InteractionReply.Text("finally done"), cancellationToken);
                break;
            case "secret":
                await Task.Delay(SlowDelay, cancellationToken);
                await context.RespondAsync(InteractionReply.Text("only for you", ephemeral: true), cancellationToken);
                break;
            case "find" when context.Interaction.Type == InteractionType.ApplicationCommandAutocomplete:
                var typed = context.Command.GetString("term");
                await context.AutocompleteAsync(Enumerable.Range(1, 30).Select(i => ApplicationCommandOptionChoice.Of($"{typed} {i}", $"v{i}")), cancellationToken);
                break;
            default:
                throw new InvalidOperationException("unexpected interaction in test");
        }
    }
}
