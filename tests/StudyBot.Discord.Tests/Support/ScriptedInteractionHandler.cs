using System.Collections.Concurrent;
using StudyBot.Discord.Commands;
using StudyBot.Discord.Interactions;
using StudyBot.Discord.Rest;

namespace StudyBot.Discord.Tests.Support;

/// <summary>The app side for loopback tests: behaviour per command, and a record of what it was given.</summary>
public sealed class ScriptedInteractionHandler : IInteractionHandler
{
    public ConcurrentQueue<Interaction> Received { get; } = new();

    public TimeSpan SlowDelay { get; set; } = TimeSpan.FromSeconds(4);

    /// <summary>How long "/quick" and the "/find" autocomplete think before answering (well inside Discord's 3 s).</summary>
    public TimeSpan QuickDelay { get; set; } = TimeSpan.Zero;

    /// <summary>The most "/slow" handlers that were ever running at the same time.</summary>
    public int PeakSlowRunning => Volatile.Read(ref peakSlowRunning);

    private int slowRunning;
    private int peakSlowRunning;

    /// <summary>Whether "/chain"'s follow-up is ephemeral (the default) or public.</summary>
    public bool ChainFollowUpEphemeral { get; set; } = true;

    /// <summary>Completing this lets "/later" answer.</summary>
    public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public async Task HandleAsync(InteractionContext context, CancellationToken cancellationToken)
    {
        Received.Enqueue(context.Interaction);
        if (context.Component is { } component)
        {
            await context.UpdateMessageAsync(new InteractionReply { Content = $"{context.Interaction.User.Username} clicked {component.CustomId}", Components = [] }, cancellationToken);
            return;
        }

        if (context.Modal is { } modal)
        {
            await context.RespondAsync(InteractionReply.Text($"summary: {modal.GetValue("summary")}", ephemeral: true), cancellationToken);
            return;
        }

        switch (context.Command?.Name)
        {
            case "rsvp":
                await context.RespondAsync(new InteractionReply { Content = "Coming?", Components = [MessageComponent.ActionRow(MessageComponent.Button("rsvp:yes", "Yes"))] }, cancellationToken);
                break;
            case "form":
                await context.ShowModalAsync(new ModalResponse("form:note", "Note", [MessageComponent.LabeledTextInput("summary", "Summary", paragraph: true)]), cancellationToken);
                break;
            case "later":
                await context.DeferAsync(ephemeral: false, cancellationToken);
                await Release.Task.WaitAsync(cancellationToken);
                await context.RespondAsync(InteractionReply.Text("answer after the token expired"), cancellationToken);
                break;
            case "ping":
                await context.RespondAsync(InteractionReply.Text("pong"), cancellationToken);
                break;
            case "quick":
                await Task.Delay(QuickDelay, cancellationToken);
                await context.RespondAsync(InteractionReply.Text("quick answer"), cancellationToken);
                break;
            case "chain":
                await context.RespondAsync(InteractionReply.Text("first"), cancellationToken);
                await context.FollowUpAsync(InteractionReply.Text("second", ephemeral: ChainFollowUpEphemeral), cancellationToken);
                break;
            case "slow":
                await RunSlowAsync(cancellationToken);
                await context.RespondAsync(InteractionReply.Text("finally done"), cancellationToken);
                break;
            case "secret":
                await Task.Delay(SlowDelay, cancellationToken);
                await context.RespondAsync(InteractionReply.Text("only for you", ephemeral: true), cancellationToken);
                break;
            case "find" when context.Interaction.Type == InteractionType.ApplicationCommandAutocomplete:
                var typed = context.Command.GetString("term");
                await Task.Delay(QuickDelay, cancellationToken);
                await context.AutocompleteAsync(Enumerable.Range(1, 30).Select(i => ApplicationCommandOptionChoice.Of($"{typed} {i}", $"v{i}")), cancellationToken);
                break;
            default:
                throw new InvalidOperationException("unexpected interaction in test");
        }
    }

    private async Task RunSlowAsync(CancellationToken cancellationToken)
    {
        var running = Interlocked.Increment(ref slowRunning);
        try
        {
            var peak = Volatile.Read(ref peakSlowRunning);
            while (running > peak)
            {
                var seen = Interlocked.CompareExchange(ref peakSlowRunning, running, peak);
                if (seen == peak)
                {
                    break;
                }

                peak = seen;
            }

            await Task.Delay(SlowDelay, cancellationToken);
        }
        finally
        {
            Interlocked.Decrement(ref slowRunning);
        }
    }
}
